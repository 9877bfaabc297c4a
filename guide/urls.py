from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("", views.career_list, name="career-list"),
    path("compare/", views.career_compare, name="career-compare"),
    path("<slug:slug>/", views.career_detail, name="career-detail"),
]
