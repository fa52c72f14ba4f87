from django.urls import path

from schools.views import staff

urlpatterns = [
    path("<int:urn>/staff/", staff.school_staff, name="school_staff"),
    path("<int:urn>/staff/<int:membership_pk>/remove/", staff.remove_staff, name="remove_staff"),
    path("<int:urn>/staff/invitations/<int:pk>/resend/", staff.resend_staff_invitation, name="resend_invitation"),
    path("<int:urn>/staff/invitations/<int:pk>/cancel/", staff.revoke_staff_invitation, name="revoke_invitation"),
    path("<int:urn>/staff/join-requests/<int:pk>/", staff.decide_join, name="decide_join"),
    path("<int:urn>/school-accounts/", staff.school_accounts, name="school_accounts"),
    path("invitations/new/", staff.platform_invite, name="platform_invite"),
]
