from django.contrib import admin
from django.contrib.auth import get_user_model

from .models import Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "user"]
    search_fields = ["name", "job_title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user", "photo"]

    def get_readonly_fields(self, request, obj=None):
        # Linking a login makes its owner an author of this profile's articles (reporters may
        # edit them), so only those who may see the logins link them; for anyone else the user
        # search would answer 403 anyway.
        user_admin = self.admin_site.get_model_admin(get_user_model())
        if not user_admin.has_view_permission(request):
            return [*super().get_readonly_fields(request, obj), "user"]
        return super().get_readonly_fields(request, obj)
