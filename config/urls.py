"""The URL root."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", include("config.api_urls")),
    path("", include("sources.urls")),
    path("", include("claims.urls")),
    path("", include("verification.urls")),
]

if getattr(settings, "CLAIMTRACK_BENCH_VIEWS", False):  # a benchmark's reference view; never on in production
    from config.bench_views import bare_claims

    urlpatterns.insert(0, path("bench/claims/", bare_claims))
