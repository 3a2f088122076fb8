"""URLs of the fact-checker workspace; the queue is the home page."""

from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("review/take-next/", views.take_next, name="take_next"),
    path("review/claims/<int:claim_id>/", views.claim_detail, name="claim"),
    path("review/claims/<int:claim_id>/reopen/", views.claim_reopen, name="reopen"),
    path("review/items/<int:item_id>/take/", views.item_take, name="take"),
    path("review/items/<int:item_id>/release/", views.item_release, name="release"),
    path("review/items/<int:item_id>/hand-over/", views.item_hand_over, name="hand_over"),
    path("review/items/<int:item_id>/renew/", views.item_renew, name="renew"),
    path("review/items/<int:item_id>/verdict/", views.verdict_create, name="verdict"),
    path("review/verdicts/<int:verdict_id>/approve/", views.verdict_approve, name="approve"),
    path("review/verdicts/<int:verdict_id>/return/", views.verdict_send_back, name="return"),
]
