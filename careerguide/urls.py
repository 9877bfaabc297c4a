from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView

from guide import views as guide_views
from guide.sitemaps import CareerSitemap, StaticSitemap

admin.site.site_header = "Career Guide editing"
admin.site.site_title = "Career Guide admin"
admin.site.index_title = "Guides, skills and people"

urlpatterns = [
    path("", guide_views.home, name="home"),
    path("careers/", include("guide.urls")),
    path("assessments/", include("assessments.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("healthz", guide_views.healthz, name="healthz"),
    path("robots.txt", guide_views.robots_txt, name="robots-txt"),
    # Browsers and crawlers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"careers": CareerSitemap, "pages": StaticSitemap}},
        name="sitemap",
    ),
]
