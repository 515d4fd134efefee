from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import PhotoForm
from .models import Photo
from .services import EDITABLE_FIELDS, photo_create, photo_delete, photo_update

# What an uploader without the change permission (a reporter) may still edit on their own photos:
# the words. The file and its cropping stay as the photo desk left them.
UPLOADER_FIELDS = ("alt_text", "caption", "credit")


def may_edit_photo_words(user, photo):
    """Whoever may change photos edits any; an uploader edits the words of their own."""
    if user.has_perm("photos.change_photo"):
        return True
    return (
        photo is not None
        and photo.uploaded_by_id is not None
        and photo.uploaded_by_id == user.pk
        and user.has_perm("photos.add_photo")
    )


def _copy_saved(target, saved):
    """Make the admin's object the one the service saved (the admin then redirects to it)."""
    for field in Photo._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False
    target._state.db = saved._state.db


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = ["thumbnail", "alt_text", "credit", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "dimensions", "uploaded_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["image", "preview", "alt_text", "caption", "credit"]}),
        (_("Cropping"), {"fields": ["focal_x", "focal_y"]}),
        (_("About the file"), {"fields": ["dimensions", "uploaded_by", "created_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    def has_change_permission(self, request, obj=None):
        if super().has_change_permission(request, obj):
            return True
        return obj is not None and may_edit_photo_words(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not super().has_change_permission(request, obj):
            # Their own photo, through may_edit_photo_words(): everything but the words is fixed.
            readonly += [
                name
                for name in ("image", *EDITABLE_FIELDS)
                if name not in UPLOADER_FIELDS and name not in readonly
            ]
        return readonly

    @admin.display(description=_("Photo"))
    def thumbnail(self, photo):
        small = next(iter(photo.renditions_for("1:1")), None)
        if small is None:
            return "—"
        return format_html(
            '<img src="{}" width="64" height="64" alt="" loading="lazy">', small.file.url
        )

    @admin.display(description=_("Preview"))
    def preview(self, photo):
        renditions = photo.renditions_for("") if photo.pk else []
        if not renditions:
            return "—"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" class="photo-preview">',
            renditions[0].file.url,
            renditions[0].width,
            renditions[0].height,
        )

    @admin.display(description=_("Original size"))
    def dimensions(self, photo):
        if not photo.pk:
            return "—"
        return gettext("%(width)d x %(height)d pixels") % {
            "width": photo.width,
            "height": photo.height,
        }

    def save_model(self, request, obj, form, change):
        # Only what the form holds: a read-only field keeps its stored value.
        data = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.fields}
        if not change:
            saved = photo_create(
                image_file=form.cleaned_data["image"], uploaded_by=request.user, **data
            )
        else:
            new_image = form.cleaned_data.get("image") if "image" in form.changed_data else None
            saved = photo_update(photo=Photo.objects.get(pk=obj.pk), image_file=new_image, **data)
        _copy_saved(obj, saved)

    def delete_model(self, request, obj):
        photo_delete(photo=obj)

    def delete_queryset(self, request, queryset):
        for photo in queryset:
            photo_delete(photo=photo)
