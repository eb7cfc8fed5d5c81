"""The uploads the public may fetch (settings.PUBLIC_MEDIA_FOLDERS: speakers' photos, publications'
translations), served by Django in every environment, so that a deployment needs no second web server
for them. Nothing else under MEDIA_ROOT is served here: a path outside those folders, or one that tries
to climb out of them, is a 404.

Pictures and PDFs open in the browser; any other file is sent as a download, so that an uploaded HTML
or SVG file never runs as a page of this site."""

import mimetypes
import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

SHOWN_IN_THE_BROWSER = {"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"}
# A replaced photo gets a new name (the storage never reuses one), so a day's caching shows nothing stale.
CACHE_SECONDS = 24 * 60 * 60


def public_file_name(path: str) -> str | None:
    """The storage name of a public upload, or None for a path the public may not fetch."""
    name = posixpath.normpath(path)
    parts = name.split("/")
    if (
        len(parts) < 2
        or parts[0] not in settings.PUBLIC_MEDIA_FOLDERS
        or any(part in ("", "..") or part.startswith(".") for part in parts)
        or "\\" in name
        or "\x00" in name
    ):
        return None
    return name if default_storage.exists(name) else None


@require_safe
def public_media(request, path):
    name = public_file_name(path)
    if name is None:
        raise Http404
    modified_at = int(default_storage.get_modified_time(name).timestamp())
    if not_modified := get_conditional_response(request, last_modified=modified_at):
        return not_modified  # 304 to a browser that holds this version
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        default_storage.open(name, "rb"),
        content_type=content_type,
        as_attachment=content_type not in SHOWN_IN_THE_BROWSER,
        filename=posixpath.basename(name),
    )
    response["Last-Modified"] = http_date(modified_at)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response
