"""Speakers' photos: resized when staff upload them, so the site serves a small picture and never the
camera original (with its location and device in the metadata)."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_SIZE = (400, 400)  # at most, keeping the proportions
PHOTO_QUALITY = 85


def resized_photo(uploaded) -> ContentFile:
    """A JPEG of at most PHOTO_SIZE, upright, without metadata; ValidationError if not a picture."""
    try:
        with Image.open(uploaded) as picture:
            picture.load()
            upright = ImageOps.exif_transpose(picture)
            upright = upright.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError("This file is not a picture Pillow can read: upload a JPEG or PNG photo.") from error
    upright.thumbnail(PHOTO_SIZE)
    output = io.BytesIO()
    upright.save(output, format="JPEG", quality=PHOTO_QUALITY, optimize=True)
    stem = (getattr(uploaded, "name", "") or "photo").rsplit("/", 1)[-1].rsplit(".", 1)[0] or "photo"
    return ContentFile(output.getvalue(), name=f"{stem}.jpg")
