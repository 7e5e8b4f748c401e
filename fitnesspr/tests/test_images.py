"""The one upload pipeline for user images."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from fitnesspr.errors import ApplicationError
from fitnesspr.images import process_image

GPS_IFD = 0x8825


def make_image(fmt="JPEG", size=(800, 600), mode="RGB", exif_gps=False, orientation=None) -> bytes:
    colors = {"RGBA": (200, 30, 30, 128), "L": 200}
    image = Image.new(mode, size, colors.get(mode, (200, 30, 30)))
    buffer = BytesIO()
    kwargs = {}
    if exif_gps or orientation:
        exif = Image.Exif()
        if exif_gps:
            exif[0x010F] = "PhoneMaker"
            exif.get_ifd(GPS_IFD)[2] = (51.0, 30.0, 0.0)  # GPSLatitude
        if orientation:
            exif[0x0112] = orientation
        kwargs["exif"] = exif
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_reencodes_shrinks_and_makes_a_thumbnail(settings):
    settings.IMAGE_MAX_SIDE = 400
    settings.IMAGE_THUMBNAIL_SIDE = 100
    result = process_image(upload(make_image(size=(1600, 1200))))
    with Image.open(result.image) as image:
        assert image.format == "JPEG" and max(image.size) == 400
    with Image.open(result.thumbnail) as thumb:
        assert max(thumb.size) == 100


def test_exif_and_gps_are_dropped():
    result = process_image(upload(make_image(exif_gps=True)))
    with Image.open(result.image) as image:
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert 0x010F not in exif


def test_orientation_is_applied_before_exif_is_dropped():
    # orientation 6 = rotate 90 degrees: a landscape photo becomes portrait
    result = process_image(upload(make_image(size=(400, 200), orientation=6)))
    with Image.open(result.image) as image:
        assert image.size == (200, 400)


def test_transparent_png_becomes_an_opaque_jpeg():
    result = process_image(upload(make_image("PNG", mode="RGBA"), "a.png", "image/png"))
    with Image.open(result.image) as image:
        assert image.mode == "RGB"


def test_names_are_random_and_not_derived_from_the_upload():
    first = process_image(upload(make_image(), name="me-at-home.jpg"))
    second = process_image(upload(make_image(), name="me-at-home.jpg"))
    assert "home" not in first.image.name
    assert first.image.name != second.image.name
    assert len(first.image.name) > 30


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"this is not an image at all", "not a valid image"),
        (make_image()[:200], "not a valid image"),
    ],
)
def test_bad_files_are_rejected_clearly(data, message):
    with pytest.raises(ApplicationError) as error:
        process_image(upload(data))
    assert message in error.value.message
    assert error.value.fields["image"]


def test_too_large_files_are_rejected(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ApplicationError) as error:
        process_image(upload(make_image(size=(800, 800)) + b"\0" * 2048))
    assert "too large" in error.value.message


def test_decompression_bombs_are_rejected(settings):
    settings.IMAGE_MAX_PIXELS = 100_000
    # a tiny file that decodes to many pixels
    bomb = make_image("PNG", size=(2000, 2000), mode="L")
    assert len(bomb) < 50_000
    with pytest.raises(ApplicationError) as error:
        process_image(upload(bomb, "bomb.png", "image/png"))
    assert "too many pixels" in error.value.message


def test_unsupported_formats_are_rejected():
    buffer = BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="BMP")
    with pytest.raises(ApplicationError) as error:
        process_image(upload(buffer.getvalue(), "a.bmp", "image/bmp"))
    assert "JPEG, PNG" in error.value.message
