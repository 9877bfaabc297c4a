"""The site's URLs plus /bench/bare/: a Django view that does nothing, the baseline every page
is measured against (same gunicorn, same middleware, same run)."""

from django.http import HttpResponse
from django.urls import path

from careerguide.urls import urlpatterns as site


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site]
