from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core.pagecache import public_page
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
    path("favicon.ico", guide_views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        public_page(sitemap),
        {"sitemaps": {"careers": CareerSitemap, "pages": StaticSitemap}},
        name="sitemap",
    ),
]
