"""The one upload pipeline for user images."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

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


XMP_PACKET = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b"<rdf:RDF><rdf:Description>xmp-secret-location</rdf:Description></rdf:RDF></x:xmpmeta>"
    b'<?xpacket end="w"?>'
)
COMMENT = b"com-secret-comment"


def make_noisy_jpeg(size=(320, 240), **save_kwargs) -> bytes:
    """A JPEG with real entropy-coded data (a solid image compresses to almost nothing)."""
    image = Image.effect_noise(size, 64).convert("RGB")
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=90, **save_kwargs)
    return buffer.getvalue()


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of the JPEG's header segments, up to the start of the scan (SOS)."""
    assert data[:2] == b"\xff\xd8"
    markers, position = [], 2
    while position < len(data):
        assert data[position] == 0xFF
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return markers


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


def test_jpeg_comment_xmp_and_icc_profile_do_not_survive():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD)[2] = (51.0, 30.0, 0.0)
    data = make_noisy_jpeg(exif=exif, xmp=XMP_PACKET, comment=COMMENT, icc_profile=icc)
    with Image.open(BytesIO(data)) as original:  # the test file really carries all of them
        assert original.info["comment"] == COMMENT and "xmp" in original.info and original.info["icc_profile"]
    result = process_image(upload(data))
    for stored in (result.image, result.thumbnail):
        stored.seek(0)
        raw = stored.read()
        assert COMMENT not in raw and b"xmp-secret-location" not in raw and b"ICC_PROFILE" not in raw
        assert b"Exif" not in raw
        # no COM (0xFE), APP1 (EXIF, XMP) or APP2 (ICC) segment at all; APP0 (JFIF) is fine
        assert not {0xFE, 0xE1, 0xE2} & set(jpeg_markers(raw))
        with Image.open(BytesIO(raw)) as image:
            assert not {"comment", "xmp", "icc_profile", "exif"} & set(image.info)


def test_an_icc_profile_is_applied_then_dropped():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(buffer, format="PNG", icc_profile=icc)
    result = process_image(upload(buffer.getvalue(), "a.png", "image/png"))
    with Image.open(result.image) as image:
        assert "icc_profile" not in image.info
        red, green, blue = image.getpixel((32, 32))
        assert abs(red - 200) < 8 and green < 45 and blue < 45


@pytest.mark.parametrize(
    "payload",
    [
        b"<html><script>alert('polyglot-payload')</script></html>",
        "zip",
    ],
)
def test_a_polyglot_keeps_only_re_encoded_pixels(payload):
    if payload == "zip":
        archive = BytesIO()
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("polyglot-payload.txt", "polyglot-payload")
        payload = archive.getvalue()
    data = make_noisy_jpeg() + payload
    result = process_image(upload(data))
    raw = result.image.read()
    assert b"polyglot-payload" not in raw and b"PK\x03\x04" not in raw and b"<script" not in raw
    assert raw.endswith(b"\xff\xd9")
    with Image.open(BytesIO(raw)) as image:
        image.load()


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_a_truncated_jpeg_is_rejected(keep):
    data = make_noisy_jpeg()
    with pytest.raises(ApplicationError) as error:
        process_image(upload(data[: int(len(data) * keep)]))
    assert "not a valid image" in error.value.message


def test_a_file_larger_than_its_declared_size_is_not_read_past_the_limit(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1024
    lying = upload(make_noisy_jpeg())
    lying.size = 10
    with pytest.raises(ApplicationError) as error:
        process_image(lying)
    assert "too large" in error.value.message
