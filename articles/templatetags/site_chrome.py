"""{% site_header %} and {% site_footer %}: the chrome of base.html, from fragments."""

from django import template

from pagecache import fragments

from ..chrome import chrome_fragments

register = template.Library()


def _chrome(context):
    """Both fragments in one round trip: the view's (context "fragments") or looked up here."""
    found = context.get("fragments") or {}
    if "header" in found and "footer" in found:
        return found
    request = context.get("request")
    kept = getattr(request, "site_chrome", None)
    if kept is None:
        kept = fragments.render(*chrome_fragments(request, context.get("section")))
        if request is not None:
            request.site_chrome = kept  # The footer, asked for later in the same page.
    return kept


@register.simple_tag(takes_context=True)
def site_header(context):
    return _chrome(context)["header"]


@register.simple_tag(takes_context=True)
def site_footer(context):
    return _chrome(context)["footer"]
