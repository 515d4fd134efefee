from django.contrib import admin
from django.utils.html import format_html

from .forms import PhotoForm
from .models import Photo
from .services import EDITABLE_FIELDS, photo_create, photo_delete, photo_update


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
        ("Cropping", {"fields": ["focal_x", "focal_y"]}),
        ("About the file", {"fields": ["dimensions", "uploaded_by", "created_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    @admin.display(description="Photo")
    def thumbnail(self, photo):
        small = next(iter(photo.renditions_for("1:1")), None)
        if small is None:
            return "—"
        return format_html(
            '<img src="{}" width="64" height="64" alt="" loading="lazy">', small.file.url
        )

    @admin.display(description="Preview")
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

    @admin.display(description="Original size")
    def dimensions(self, photo):
        return f"{photo.width} x {photo.height} pixels" if photo.pk else "—"

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data.get(name) for name in EDITABLE_FIELDS}
        if not change:
            saved = photo_create(
                image_file=form.cleaned_data["image"], uploaded_by=request.user, **data
            )
        else:
            new_image = form.cleaned_data["image"] if "image" in form.changed_data else None
            saved = photo_update(photo=Photo.objects.get(pk=obj.pk), image_file=new_image, **data)
        _copy_saved(obj, saved)

    def delete_model(self, request, obj):
        photo_delete(photo=obj)

    def delete_queryset(self, request, queryset):
        for photo in queryset:
            photo_delete(photo=photo)
