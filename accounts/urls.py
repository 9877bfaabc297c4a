from django.urls import path, re_path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create, name="token-create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("profile/tokens/revoke-all/", views.token_revoke_all, name="token-revoke-all"),
    path("export/", views.export_download, name="export"),
    path("delete/", views.delete, name="delete"),
    # Same address as allauth's "account_confirm_email", matched first (see the view).
    re_path(r"^confirm-email/(?P<key>[-:\w]+)/$", views.confirm_email, name="confirm-email"),
]
