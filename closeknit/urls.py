from django.contrib import admin
from django.urls import include, path

from closeknit.api import api
from closeknit.core import views as core_views
from closeknit.tonight import views as tonight_views

handler400 = "closeknit.core.views.bad_request"
handler403 = "closeknit.core.views.permission_denied"
handler404 = "closeknit.core.views.page_not_found"
handler500 = "closeknit.core.views.server_error"

admin.site.site_header = "closeknit administration"

urlpatterns = [
    path("", tonight_views.home, name="home"),
    path("support/", core_views.support, name="support"),
    path("", include("closeknit.accounts.urls")),
    path("", include("closeknit.couples.urls")),
    path("", include("closeknit.tonight.urls")),
    path("", include("closeknit.share.urls")),
    path("", include("closeknit.appreciate.urls")),
    path("", include("closeknit.desires.urls")),
    path("", include("closeknit.explore.urls")),
    path("", include("closeknit.listen.urls")),
    path("", include("closeknit.progress.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
