from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("start/", views.start, name="start"),
    path("results/<int:pk>/", views.result_detail, name="result"),
    path("plan/", views.plans_index, name="plans"),
    path("plan/steps/<int:pk>/", views.plan_step_update, name="plan-step-update"),
    path("plan/items/<int:pk>/", views.plan_item_update, name="plan-item-update"),
    path("plan/<slug:slug>/", views.plan_detail, name="plan"),
    path("<slug:slug>/skills/", views.skills_assessment, name="skills"),
    path("<slug:slug>/readiness/", views.readiness_assessment, name="readiness"),
]
