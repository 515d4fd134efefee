from django.urls import path

from . import views

app_name = "photos"

urlpatterns = [
    path("photos/<int:pk>/", views.photo_placeholder, name="placeholder"),
    path("photos/picker/", views.photo_picker, name="picker"),
]
