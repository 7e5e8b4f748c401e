"""Image fields in the admin go through the one image pipeline (`fitnesspr.images.process_image`).

Django's admin writes an `ImageField` byte for byte: EXIF (GPS), XMP, comments, appended payloads, the
uploader's file name, any size and any pixel count. A model admin that mixes in `ImagePipelineAdminMixin`
and lists its image fields in `pipeline_images` gets instead, for each of them:

- an upload field whose `clean()` runs the pipeline, so a bad image is a form error and nothing is stored;
- a save through the app's service (`PipelineImage.save`), handed that pipeline output (the pipeline runs once
  per upload), which stores the re-encoded image and its thumbnail under random names; without a service,
  the pipeline's output is stored directly;
- the derived thumbnail is left out of the form: it is never set by hand. Show it with `image_preview()`
  in a read-only field;
- a staff-only view that serves the stored images (they are private media, not under MEDIA_URL).

Meal photos and progress photos reuse it:

    class MealPhotoAdmin(ImagePipelineAdminMixin, admin.ModelAdmin):
        pipeline_images = {"photo": PipelineImage(thumbnail="photo_thumbnail", save=..., remove=...)}
        readonly_fields = ["photo_thumbnail_preview"]

        @admin.display(description="Thumbnail")
        def photo_thumbnail_preview(self, obj):
            return self.image_preview(obj, "photo_thumbnail", link_to="photo")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from fitnesspr.errors import ApplicationError
from fitnesspr.images import ProcessedImage, process_image
from fitnesspr.private_media import serve_private_file

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
HELP_TEXT = "JPEG, PNG, WebP or GIF. It is re-encoded: location data and other metadata are removed."


@dataclass(frozen=True)
class PipelineImage:
    """How the admin writes one image field.

    `save(obj, processed)` is the app's service that stores the pipeline's output (the form's clean ran the
    pipeline already) as the image and its thumbnail; `remove(obj)` clears them. Without them, the pipeline's
    output is stored directly.
    """

    thumbnail: str | None = None
    save: Callable[[Any, ProcessedImage], object] | None = None
    remove: Callable[[Any], object] | None = None


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed the pipeline, with the pipeline's output."""

    upload: UploadedFile
    processed: ProcessedImage


@dataclass(frozen=True)
class StoredImage:
    """The current image as the upload widget shows it: its name, linked to the staff-only image view."""

    name: str
    url: str

    def __str__(self) -> str:
        return self.name.rsplit("/", 1)[-1]


class PipelineImageField(forms.FileField):
    """An image upload that must pass `process_image`: its errors are the field's errors.

    The cleaned value is a `CheckedUpload` for a new file, False when "clear" is ticked, else the initial value.
    """

    widget = AdminFileWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", HELP_TEXT)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT)

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if not isinstance(value, UploadedFile):
            return value
        try:
            return CheckedUpload(upload=value, processed=process_image(value))
        except ApplicationError as error:
            raise ValidationError(error.fields.get("image") or [error.message], code=error.code) from None


def _delete_on_commit(files: list[tuple[Any, str]]) -> None:
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])


def _stored(obj: models.Model, names: list[str]) -> list[tuple[Any, str]]:
    """(storage, name) of the files stored now, read before anything replaces them."""
    return [(getattr(obj, name).storage, getattr(obj, name).name) for name in names if getattr(obj, name)]


def store_processed(obj: models.Model, field: str, thumbnail: str | None, processed: ProcessedImage) -> None:
    """Store the pipeline's output in `field` (and `thumbnail`), then delete the replaced files on commit."""
    names = [field, *([thumbnail] if thumbnail else [])]
    old = _stored(obj, names)
    getattr(obj, field).save(processed.image.name, processed.image, save=False)
    if thumbnail:
        getattr(obj, thumbnail).save(processed.thumbnail.name, processed.thumbnail, save=False)
    try:
        obj.save(update_fields=names)
    except Exception:
        for storage, name in _stored(obj, names):  # never referenced: do not leak them
            storage.delete(name)
        raise
    _delete_on_commit(old)


def remove_stored(obj: models.Model, field: str, thumbnail: str | None) -> None:
    names = [field, *([thumbnail] if thumbnail else [])]
    old = _stored(obj, names)
    for name in names:
        setattr(obj, name, "")
    obj.save(update_fields=names)
    _delete_on_commit(old)


class _PipelineFormMixin:
    """Shows the stored images in the upload fields (linked to the staff-only view, not to MEDIA_URL)."""

    pipeline_admin: ImagePipelineAdminMixin
    pipeline_uploads: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance
        for name in self.pipeline_uploads:
            current = getattr(instance, name)
            if current and instance.pk is not None:
                self.initial[name] = StoredImage(current.name, self.pipeline_admin.image_url(instance, name))


class ImagePipelineAdminMixin:
    """Mix into a ModelAdmin (before it) and list the image fields in `pipeline_images`."""

    pipeline_images: ClassVar[dict[str, PipelineImage]] = {}

    # --- which fields ---------------------------------------------------------------------------

    def _pipeline_field_names(self) -> list[str]:
        names = list(self.pipeline_images)
        names += [config.thumbnail for config in self.pipeline_images.values() if config.thumbnail]
        return names

    def get_exclude(self, request: HttpRequest, obj: models.Model | None = None) -> list[str]:
        """The model's own form fields for the images are never used: they store uploads byte for byte."""
        excluded = super().get_exclude(request, obj)
        if excluded is None:
            form_meta = getattr(self.form, "_meta", None)
            excluded = getattr(form_meta, "exclude", None) or []
        excluded = list(excluded)
        return excluded + [name for name in self._pipeline_field_names() if name not in excluded]

    def get_form(self, request: HttpRequest, obj: models.Model | None = None, **kwargs: Any):
        fields = kwargs.get("fields")
        if fields is None:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        form = super().get_form(request, obj, **kwargs)
        readonly = self.get_readonly_fields(request, obj)
        uploads = [name for name in self.pipeline_images if name in fields and name not in readonly]
        if not uploads or (kwargs.get("change") and not self.has_change_permission(request, obj)):
            return form
        attrs: dict[str, Any] = {
            name: PipelineImageField(label=capfirst(self.opts.get_field(name).verbose_name)) for name in uploads
        }
        attrs.update(pipeline_admin=self, pipeline_uploads=tuple(uploads))
        return type(form)(form.__name__, (_PipelineFormMixin, form), attrs)

    # --- saving ---------------------------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: models.Model, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        for name, config in self.pipeline_images.items():
            if name not in form.fields or name not in form.changed_data:
                continue
            value = form.cleaned_data.get(name)
            if isinstance(value, CheckedUpload):
                if config.save is not None:
                    config.save(obj, value.processed)
                else:
                    store_processed(obj, name, config.thumbnail, value.processed)
            elif value is False:
                if config.remove is not None:
                    config.remove(obj)
                else:
                    remove_stored(obj, name, config.thumbnail)

    # --- showing --------------------------------------------------------------------------------

    def get_urls(self):
        opts = self.opts
        view = self.admin_site.admin_view(self.pipeline_image_view)
        name = f"{opts.app_label}_{opts.model_name}_image"
        # before the model admin's own URLs: its "<path:object_id>/" would match this path too
        return [path("<path:object_id>/image/<str:field_name>/", view, name=name), *super().get_urls()]

    def pipeline_image_view(self, request: HttpRequest, object_id: str, field_name: str) -> HttpResponse:
        """A stored image, for staff who may view the object."""
        if field_name not in self._pipeline_field_names():
            raise Http404("Not found.")
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Not found.")
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        return serve_private_file(request, getattr(obj, field_name))

    def image_url(self, obj: models.Model, field_name: str) -> str:
        """The staff-only URL of a stored image; the random file name versions it (new upload, new URL)."""
        opts = self.opts
        url = reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_image", args=[obj.pk, field_name])
        version = getattr(obj, field_name).name.rsplit("/", 1)[-1].split(".", 1)[0][:12]
        return f"{url}?v={version}"

    def image_preview(self, obj: models.Model | None, field_name: str, *, link_to: str | None = None) -> str:
        """An <img> of a stored image (a thumbnail), linked to the full image `link_to` when there is one."""
        if obj is None or obj.pk is None or not getattr(obj, field_name):
            return self.get_empty_value_display()
        image = format_html(
            '<img src="{}" alt="" style="max-width: 128px; max-height: 128px;">', self.image_url(obj, field_name)
        )
        if link_to and getattr(obj, link_to):
            return format_html('<a href="{}">{}</a>', self.image_url(obj, link_to), image)
        return image
