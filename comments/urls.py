from django.urls import path

from . import reports, views

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.comment_post, name="post"),
    path("form-time/", views.comment_form_time, name="form-time"),
    path("<int:comment_id>/report/", reports.comment_report_view, name="report"),
]
