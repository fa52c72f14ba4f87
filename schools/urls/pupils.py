from django.urls import path

from schools.views import pupil_accounts, pupils

urlpatterns = [
    path("account/", pupil_accounts.pupil_account, name="pupil_account"),
    path("account/start/", pupil_accounts.pupil_account_start, name="pupil_account_start"),
    path("account/callback/", pupil_accounts.pupil_account_callback, name="pupil_account_callback"),
    path("account/unlink/", pupil_accounts.pupil_account_unlink, name="pupil_account_unlink"),
    path("login/", pupils.pupil_login, name="pupil_login"),
    path("logout/", pupils.pupil_logout, name="pupil_logout"),
]
