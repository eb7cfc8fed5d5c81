"""Driving the admin's import and export pages as a member of staff would."""

import csv
import io

import openpyxl
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory

FORMAT_INDEX = {"csv": "0", "xlsx": "1"}


def staff_member(client, *group_names, permissions=()):
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True)
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    client.force_login(user)
    return user


def all_columns(rows) -> list[str]:
    return list(dict.fromkeys(column for row in rows for column in row))


def csv_bytes(rows, headers=None) -> bytes:
    headers = headers or all_columns(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(column, "") for column in headers])
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows, headers=None) -> bytes:
    headers = headers or all_columns(rows)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(column, "") for column in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_bytes(rows, file_format, headers=None) -> bytes:
    return (csv_bytes if file_format == "csv" else xlsx_bytes)(rows, headers)


def preview(client, url, content, file_name, file_format=None, **extra):
    """Upload a file on the import page: the dry run whose preview staff confirm."""
    file_format = file_format or file_name.rsplit(".", 1)[-1]
    data = {
        "resource": "0",
        "format": FORMAT_INDEX[file_format],
        "import_file": SimpleUploadedFile(file_name, content),
        **extra,
    }
    return client.post(f"{url}import/", data)


def import_file(client, url, content, file_name, **extra):
    """Preview and confirm, failing the test with the page's errors if the preview has any."""
    response = preview(client, url, content, file_name, **extra)
    assert response.status_code == 200
    assert response.context.get("confirm_form"), error_lines(response) or response.context["form"].errors
    confirmed = client.post(f"{url}process_import/", confirm_data(response))
    assert confirmed.status_code == 302, error_lines(confirmed)
    return confirmed


def confirm_data(preview_response):
    confirm_form = preview_response.context["confirm_form"]
    return {name: confirm_form.initial.get(name, "") for name in confirm_form.fields}


def error_lines(response) -> list[str]:
    return list((response.context or {}).get("import_error_lines") or [])


def form_errors(response) -> list[str]:
    form = response.context["form"]
    return [message for messages in form.errors.values() for message in messages]


def export(client, url, resource_class, file_format) -> bytes:
    prefix = resource_class.__name__.lower()
    data = {"resource": "0", "format": FORMAT_INDEX[file_format]}
    data.update({f"{prefix}_{name}": "on" for name in resource_class().get_export_order()})
    response = client.post(f"{url}export/", data)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].startswith("attachment")
    return response.content


def read_rows(content: bytes, file_format) -> list[dict]:
    if file_format == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
