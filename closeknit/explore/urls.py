from django.urls import path

from closeknit.explore import plan_views, views

app_name = "explore"

urlpatterns = [
    path("s/<str:space_id>/explore/", views.home, name="home"),
    path("s/<str:space_id>/explore/choose/", views.choose, name="choose"),
    path("s/<str:space_id>/explore/all/", views.browse, name="browse"),
    path("s/<str:space_id>/explore/new/", views.add, name="add"),
    path("s/<str:space_id>/explore/shortlist/", views.shortlist, name="shortlist"),
    path("s/<str:space_id>/explore/ideas/", views.suggest, name="suggest"),
    path("s/<str:space_id>/explore/a/<int:activity_id>/", views.activity, name="activity"),
    path("s/<str:space_id>/explore/a/<int:activity_id>/mark/", views.mark, name="mark"),
    path(
        "s/<str:space_id>/explore/a/<int:activity_id>/plan/", plan_views.plan_new, name="plan_new"
    ),
    path("s/<str:space_id>/explore/p/<int:plan_id>/", plan_views.plan, name="plan"),
    path("s/<str:space_id>/explore/p/<int:plan_id>/rate/", plan_views.plan_rate, name="plan_rate"),
    path("s/<str:space_id>/explore/p/<int:plan_id>/move/", plan_views.plan_move, name="plan_move"),
    path(
        "s/<str:space_id>/explore/p/<int:plan_id>/cancel/",
        plan_views.plan_cancel,
        name="plan_cancel",
    ),
    path(
        "s/<str:space_id>/explore/p/<int:plan_id>/event.ics", plan_views.plan_ics, name="plan_ics"
    ),
    path("s/<str:space_id>/explore/memories/", plan_views.timeline, name="timeline"),
    path("s/<str:space_id>/explore/calendar/", plan_views.calendar, name="calendar"),
    # Public: calendar apps subscribe without a session. The token is the secret.
    path("calendar/<str:feed_token>.ics", plan_views.feed, name="feed"),
]
