"""The REST API's addresses: /api/v1/ resources, the OpenAPI schema and its browsable docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from claims.api import ChangesView, ClaimViewSet, DocumentViewSet
from config.api import api_not_found, problem_docs
from sources.api import SourceViewSet
from verification.api import ClaimReviewViewSet, MeView, ReviewItemViewSet, VerdictViewSet, WebhookViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("claims", ClaimViewSet, basename="claim")
router.register("documents", DocumentViewSet, basename="document")
router.register("sources", SourceViewSet, basename="source")
router.register("review/items", ReviewItemViewSet, basename="reviewitem")
router.register("verdicts", VerdictViewSet, basename="verdict")
router.register("claim-reviews", ClaimReviewViewSet, basename="claimreview")
router.register("webhooks", WebhookViewSet, basename="webhook")

v1 = [
    path("changes/", ChangesView.as_view(), name="changes"),
    path("me/", MeView.as_view(), name="me"),
    *router.urls,
]

urlpatterns = [
    path("v1/", include((v1, "api"), namespace="api")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("problems/", problem_docs, name="api-problems"),
    path("problems/<slug:slug>", problem_docs, name="api-problem"),
    re_path(r"^.*$", api_not_found),
]
