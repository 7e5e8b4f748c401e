"""The one upload pipeline for every user image (avatars, meal photos, progress photos).

Every write of an image field goes through `process_image`: the API, the pages, imports and the admin
(see fitnesspr/admin_images.py). An upload is size-checked, verified by Pillow, checked against a pixel
limit (decompression bombs) and fully decoded (a truncated file is refused). Only the pixels are kept:
colours are converted to sRGB when the file carries an ICC profile, and the image is rebuilt from its
pixels, so EXIF (and its GPS position), XMP, ICC profiles, JPEG comments, PNG text chunks and any bytes
appended to the file (polyglots) are gone. It is then re-encoded as JPEG, shrunk, and given a thumbnail.
Files get random names, so a path cannot be guessed and the uploader's file name is not kept.
"""

from __future__ import annotations

import secrets
import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from fitnesspr.errors import ApplicationError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}
# Real ICC profiles are a few kB (a few hundred kB at most); a larger one is not worth parsing.
MAX_ICC_PROFILE_BYTES = 1024 * 1024
_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _invalid(message: str) -> ApplicationError:
    return ApplicationError(message, code="invalid_image", fields={"image": [message]})


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert the colours to sRGB when the file embeds an ICC profile, so the profile is no longer needed.

    A profile that cannot be used is simply dropped (the pixels are then read as sRGB).
    """
    icc = image.info.get("icc_profile")
    if not icc or len(icc) > MAX_ICC_PROFILE_BYTES or image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(BytesIO(icc))
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image


def _pixels_only(image: Image.Image) -> Image.Image:
    """An opaque RGB image built from the pixels alone: no EXIF, XMP, ICC profile, comment or other metadata."""
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    elif image.mode == "L":
        image = image.convert("RGB")
    # `convert()` and `copy()` carry `info` (comment, XMP, ICC, EXIF) along, and Pillow writes some of it back
    # when saving (a JPEG comment does). A new image from the raw pixels carries nothing.
    return Image.frombytes("RGB", image.size, image.tobytes())


def _encode(image: Image.Image, *, side: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    copy.info.clear()
    buffer = BytesIO()
    copy.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def process_image(upload, *, max_side: int | None = None, thumbnail_side: int | None = None) -> ProcessedImage:
    """Validate and re-encode an uploaded image. Raises ApplicationError with a clear message on bad input."""
    max_side = max_side or settings.IMAGE_MAX_SIDE
    thumbnail_side = thumbnail_side or settings.IMAGE_THUMBNAIL_SIDE
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    too_large = _invalid(f"The image is too large: the limit is {limit / (1024 * 1024):g} MB.")
    size = getattr(upload, "size", None)
    if size is None or size > limit:
        raise too_large
    if size == 0:
        raise _invalid("The file is empty.")
    upload.seek(0)
    data = upload.read(limit + 1)  # never more than the limit, whatever `size` claimed
    if len(data) > limit:
        raise too_large
    if not data:
        raise _invalid("The file is empty.")
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
                image = _pixels_only(_to_srgb(ImageOps.exif_transpose(source)))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _invalid("The image has too many pixels.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _invalid("The file is not a valid image.") from None
    name = secrets.token_urlsafe(24)
    return ProcessedImage(
        image=ContentFile(_encode(image, side=max_side), name=f"{name}.jpg"),
        thumbnail=ContentFile(_encode(image, side=thumbnail_side), name=f"{name}_thumb.jpg"),
        width=image.width,
        height=image.height,
    )
