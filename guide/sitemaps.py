from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Career


class CareerSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Career.objects.published().order_by("title")

    def lastmod(self, career):
        return career.updated_at


class StaticSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["home", "guide:career-list"]

    def location(self, item):
        return reverse(item)
