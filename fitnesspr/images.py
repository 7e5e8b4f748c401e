"""The one upload pipeline for every user image (avatars, meal photos, progress photos).

An upload is size-checked, verified by Pillow, checked against a pixel limit (decompression bombs),
re-encoded (which drops EXIF and its GPS position), shrunk, and given a thumbnail. Files get random
names, so a path cannot be guessed.
"""

from __future__ import annotations

import secrets
import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from fitnesspr.errors import ApplicationError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}


@dataclass(frozen=True)
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _invalid(message: str) -> ApplicationError:
    return ApplicationError(message, code="invalid_image", fields={"image": [message]})


def _encode(image: Image.Image, *, side: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    copy.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def process_image(upload, *, max_side: int | None = None, thumbnail_side: int | None = None) -> ProcessedImage:
    """Validate and re-encode an uploaded image. Raises ApplicationError with a clear message on bad input."""
    max_side = max_side or settings.IMAGE_MAX_SIDE
    thumbnail_side = thumbnail_side or settings.IMAGE_THUMBNAIL_SIDE
    size = getattr(upload, "size", None)
    if size is None or size > settings.IMAGE_UPLOAD_MAX_BYTES:
        limit_mb = settings.IMAGE_UPLOAD_MAX_BYTES / (1024 * 1024)
        raise _invalid(f"The image is too large: the limit is {limit_mb:g} MB.")
    if size == 0:
        raise _invalid("The file is empty.")
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as probe:
                if probe.format not in ALLOWED_FORMATS:
                    raise _invalid("Upload a JPEG, PNG, WebP or GIF image.")
                if probe.width * probe.height > settings.IMAGE_MAX_PIXELS:
                    raise _invalid("The image has too many pixels.")
                probe.verify()
            with Image.open(BytesIO(data)) as source:
                source.load()
                image = ImageOps.exif_transpose(source)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _invalid("The image has too many pixels.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _invalid("The file is not a valid image.") from None
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    elif image.mode == "L":
        image = image.convert("RGB")
    name = secrets.token_urlsafe(24)
    return ProcessedImage(
        image=ContentFile(_encode(image, side=max_side), name=f"{name}.jpg"),
        thumbnail=ContentFile(_encode(image, side=thumbnail_side), name=f"{name}_thumb.jpg"),
        width=image.width,
        height=image.height,
    )
