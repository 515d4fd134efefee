from django.conf import settings

from articles.models import Section


def site(request):
    """The outlet's name and the sections for the navigation, on every page."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
        # Lazy: evaluated once, only by templates that render the navigation.
        "nav_sections": Section.objects.all(),
    }
