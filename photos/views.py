from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Photo, Rendition

EDITOR_PREVIEW_WIDTH = 960


def _require_view_permission(user):
    if not user.has_perm("photos.view_photo"):
        raise PermissionDenied(gettext("You may not browse the photo library."))


@require_GET
@never_cache
@staff_member_required
def photo_placeholder(request, pk):
    """Where a photo placed in an article body points: the editor shows it from here.

    Readers never see this address: article pages replace it with the photo's responsive
    markup. It is for staff only, so unpublished photos cannot be found by counting ids.
    """
    _require_view_permission(request.user)
    photo = get_object_or_404(Photo.objects.with_renditions(), pk=pk)
    fallback = [
        rendition
        for rendition in photo.renditions_for("")
        if rendition.format != Rendition.Format.WEBP and rendition.width <= EDITOR_PREVIEW_WIDTH
    ]
    return redirect(fallback[-1].file.url if fallback else photo.image.url)


@require_GET
@never_cache
@staff_member_required
def photo_picker(request):
    """The library in a pop-up: the editor's image button opens it, a click places the photo."""
    _require_view_permission(request.user)
    photos = Photo.objects.with_renditions()
    query = request.GET.get("q", "").strip()[:200]
    if query:
        photos = photos.filter(
            Q(alt_text__icontains=query) | Q(caption__icontains=query) | Q(credit__icontains=query)
        )
    page = Paginator(photos, 24).get_page(request.GET.get("page"))
    return render(
        request,
        "photos/picker.html",
        {
            "page_obj": page,
            "query": query,
            "callback": request.GET.get("CKEditorFuncNum", ""),
        },
    )
