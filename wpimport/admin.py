from django.contrib import admin

from .models import ImportedObject, LegacyRedirect


@admin.register(LegacyRedirect)
class LegacyRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_address", "destination", "created_at"]
    search_fields = ["old_path"]
    list_per_page = 100
    raw_id_fields = ["article", "page", "section", "tag", "author", "photo"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_targets()

    @admin.display(description="old address", ordering="old_path")
    def old_address(self, redirect):
        path = redirect.old_path
        return f"/{path}" if path.startswith("?") else path or "/"

    @admin.display(description="now at")
    def destination(self, redirect):
        return redirect.target_url() or "— (not published: the old address answers 404)"


@admin.register(ImportedObject)
class ImportedObjectAdmin(admin.ModelAdmin):
    list_display = ["__str__", "site", "kind", "wp_id", "imported_at"]
    list_filter = ["kind", "site"]
    search_fields = ["wp_id", "guid"]
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
