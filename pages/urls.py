from django.urls import path

from . import views

app_name = "pages"

# Included last in newsroom/urls.py: every other one-segment address wins over a page's slug.
urlpatterns = [
    path("<slug:slug>/", views.PageDetailView.as_view(), name="detail"),
]
