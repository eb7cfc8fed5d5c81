"""Driving the admin's import and export pages as a member of staff would."""

import csv
import io

import openpyxl
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory


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
    """Upload a file on the import page: the page that answers (the form again, with its errors, or
    the preview of the dry run, whose job has run: Celery is eager in the tests)."""
    file_format = file_format or file_name.rsplit(".", 1)[-1]
    data = {"format": file_format, "import_file": SimpleUploadedFile(file_name, content), **extra}
    return client.post(f"{url}import/", data, follow=True)


def confirm(client, previewed):
    """Press "Confirm the import" on a preview page."""
    data_import = previewed.context["data_import"]
    return client.post(f"{previewed.wsgi_request.path}confirm/", follow=True) if data_import else None


def import_file(client, url, content, file_name, **extra):
    """Preview and confirm, failing the test with the page's errors if the preview has any."""
    response = preview(client, url, content, file_name, **extra)
    assert response.status_code == 200
    assert response.context.get("may_confirm"), error_lines(response) or form_errors(response)
    confirmed = confirm(client, response)
    assert confirmed.status_code == 200 and confirmed.context["outcome"].saved, error_lines(confirmed)
    return confirmed


def error_lines(response) -> list[str]:
    outcome = (response.context or {}).get("outcome")
    return list(outcome.errors) if outcome is not None else []


def form_errors(response) -> list[str]:
    form = (response.context or {}).get("form")
    if form is None:
        return []
    return [message for messages in form.errors.values() for message in messages]


def refusals(response) -> list[str]:
    """Why a file was not imported: the upload form's errors, or the preview's."""
    return form_errors(response) or error_lines(response)


def export(client, url, file_format, query="") -> bytes:
    """Export the list (filtered by `query`) as staff do: the export page, its job, the file."""
    response = client.post(f"{url}export/{query}", {"format": file_format}, follow=True)
    assert response.status_code == 200, response.content[:500]
    job = response.context["job"]
    assert job.status == "succeeded", job.error
    download = client.get(job.files.get().get_absolute_url())
    assert download["Content-Disposition"].startswith("attachment")
    return b"".join(download.streaming_content)


def read_rows(content: bytes, file_format) -> list[dict]:
    if file_format == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
