"""Management reads where a programme reached people on the dashboard's world map: one shape per
country with participants, coloured by how many, named and counted in the page's language, each
linking to the admin list of those people; the projection is d3-geo's Equal Earth, checked against
d3-geo itself."""

import datetime
import gzip
import itertools
import json
import subprocess
from xml.etree import ElementTree

import numpy as np
import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from events.models import Registration
from tests.clients.programs import node_package, program
from tests.factories import EventFactory, ParticipantFactory, ProgrammeFactory, RegistrationFactory
from unidir_cb.core import world_map
from unidir_cb.core.chart_colours import CLASS_COLOURS

pytestmark = pytest.mark.django_db

SVG = ""  # inline SVG in HTML carries no namespace declaration
PROJECT = world_map.ATLAS_FILE.parents[4]


def map_of(response) -> ElementTree.Element:
    html = response.content.decode()
    start = html.index("<svg")
    # Our own page's markup, not untrusted input.
    return ElementTree.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])  # noqa: S314


def countries_on(svg: ElementTree.Element) -> dict[str, ElementTree.Element]:
    return {link.get("data-country"): link for link in svg.iter(f"{SVG}a")}


@pytest.fixture
def disarmament_education():
    """A programme of 2024 with people from Kenya, the Maldives (too small to see: a dot), Tuvalu (not
    in Natural Earth's 1:50m countries), Brazil, and one who gave no country; someone who cancelled
    is not counted."""
    programme = ProgrammeFactory(short_name="DisEd", name="Disarmament Education")
    course = EventFactory(programme=programme, starts_at=datetime.datetime(2024, 6, 3, 9, tzinfo=datetime.UTC))
    for country in ["KE", "KE", "KE", "MV", "MV", "TV", "BR", ""]:
        RegistrationFactory(event=course, participant=ParticipantFactory(country=country))
    RegistrationFactory(
        event=course, participant=ParticipantFactory(country="CL"), status=Registration.Status.CANCELLED
    )
    return programme


def dashboard(client, manager, **headers):
    client.force_login(manager)
    response = client.get(
        reverse("donors:dashboard"), {"programme": "DisEd", "start": "2024-01-01", "end": "2024-12-31"}, **headers
    )
    assert response.status_code == 200
    return response


def test_each_country_with_participants_is_one_shape_titled_with_its_count(client, manager, disarmament_education):
    response = dashboard(client, manager)
    shapes = countries_on(map_of(response))

    assert set(shapes) == {"KE", "MV", "BR"}
    titles = {code: link.find(f"{SVG}title").text for code, link in shapes.items()}
    assert titles == {"KE": "Kenya: 3 participants", "MV": "Maldives: 2 participants", "BR": "Brazil: 1 participant"}
    for code, link in shapes.items():
        assert link.get("aria-label") == titles[code]
    # Kenya and Brazil are their outline; the Maldives' atolls are too small to draw at this size, so
    # they are a dot.
    assert {code: [shape.tag for shape in link if shape.tag != f"{SVG}title"] for code, link in shapes.items()} == {
        "KE": [f"{SVG}path"],
        "BR": [f"{SVG}path"],
        "MV": [f"{SVG}circle"],
    }
    assert all(shapes[code].find(f"{SVG}path").get("d").startswith("M") for code in ("KE", "BR"))
    # Each shape opens the admin list its row in the table opens.
    rows = {row["country"].code: row["url"] for row in response.context["country_rows"]}
    assert {code: link.get("href") for code, link in shapes.items()} == {code: rows[code] for code in shapes}
    # Three counts, three classes, darkest for most.
    colours = {code: link[1].get("fill") for code, link in shapes.items()}
    assert colours == dict(zip(["BR", "MV", "KE"], CLASS_COLOURS[-3:], strict=True))
    page = response.content.decode()
    assert "Not on the map (too small for its data): Tuvalu: 1 participant." in page
    assert "do not imply official endorsement or acceptance by the United Nations" in page


def test_the_arabic_dashboard_names_countries_in_arabic_right_to_left(client, manager, disarmament_education):
    response = dashboard(client, manager, HTTP_ACCEPT_LANGUAGE="ar")
    shapes = countries_on(map_of(response))

    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    assert shapes["KE"].find(f"{SVG}title").text == "كينيا: 3 مشاركين"
    assert shapes["BR"].find(f"{SVG}title").text == "البرازيل: مشارك واحد"


def test_the_map_adds_no_query_to_the_dashboard(client, manager, disarmament_education, django_assert_num_queries):
    client.force_login(manager)
    query = {"programme": "DisEd", "start": "2024-01-01", "end": "2024-12-31"}
    client.get(reverse("donors:dashboard"), query)
    with_map = client.get(reverse("donors:dashboard"), query)
    assert with_map.context["world_map"]["countries"]

    # The figures' queries (see test_dashboard): the map reads the countries table's rows.
    with django_assert_num_queries(14):
        client.get(reverse("donors:dashboard"), query)


def test_the_projection_is_d3_geos_equal_earth():
    points = [[-179.9, -16.5], [0, 0], [8.55, 47.37], [139.7, 35.7], [-74.0, 40.7], [179.2, -8.5], [45, -89]]
    script = (
        "import('d3-geo').then(({geoEqualEarthRaw}) => console.log(JSON.stringify("
        f"{json.dumps(points)}.map(([l, p]) => geoEqualEarthRaw(l * Math.PI / 180, p * Math.PI / 180)))))"
    )
    node_package("d3-geo")
    node = program("node", "nodejs")
    d3 = json.loads(
        subprocess.run([node, "-e", script], cwd=PROJECT, capture_output=True, text=True, check=True).stdout
    )

    assert np.allclose(world_map._equal_earth(np.array(points, dtype=float)), d3, atol=1e-9)


def test_no_shape_crosses_the_map_at_the_antimeridian():
    """Chukotka and Fiji's Taveuni straddle 180°: drawn as stored, they would streak across the map."""
    shapes = world_map.world_shapes().countries
    for code in ("RU", "FJ", "US", "KI"):
        for ring in shapes[code].rings:
            assert np.ptp(ring[:, 0]) < world_map.WIDTH / 2, code


@given(st.lists(st.integers(min_value=0, max_value=5000), max_size=60))
def test_every_count_falls_in_exactly_one_colour_class_and_the_largest_in_the_darkest(counts):
    classes = world_map.colour_classes(counts)

    for count in counts:
        containing = [colour_class for colour_class in classes if colour_class.low <= count <= colour_class.high]
        assert len(containing) == (1 if count > 0 else 0)
    if any(counts):
        assert world_map.colour_for(max(counts), classes) == CLASS_COLOURS[-1]
        assert classes[0].low == min(count for count in counts if count > 0)
        assert all(earlier.high < later.low for earlier, later in itertools.pairwise(classes))
    else:
        assert classes == []


def test_the_dashboard_travels_compressed_to_a_browser_that_accepts_gzip(client, manager, disarmament_education):
    plain = dashboard(client, manager)
    compressed = dashboard(client, manager, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert compressed["Content-Encoding"] == "gzip" and not plain.has_header("Content-Encoding")
    page = gzip.decompress(compressed.content).decode()
    assert 'data-country="KE"' in page
    assert len(compressed.content) < len(plain.content) / 2
