import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switching_to_arabic_lays_the_page_out_right_to_left(page):
    page.goto("/en/")
    page.locator('.language-switcher a[lang="ar"]').click()

    page.wait_for_url("**/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > 1280 / 2, "the brand should sit on the right in Arabic"
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "بناء القدرات في مجال الأمن الدولي لتكنولوجيا المعلومات والاتصالات"
    )


def test_the_chinese_page_renders_with_its_own_script(page):
    page.goto("/zh-hans/")

    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "安全与技术方案" in page.locator(".brand").inner_text()
