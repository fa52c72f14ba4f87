from .assignments import Arm, Assignment, Delivery
from .audit import AuditAction, AuditEvent
from .classes import YEAR_GROUPS, ClassMembership, Gender, Pupil, SchoolClass
from .imports import GiasImport, ImportStatus, RosterFormat, RosterImport
from .places import District, LocalAuthority, School
from .rollover import UNDO_PERIOD, YearRollover
from .staff import (
    INVITATION_LIFETIME,
    Invitation,
    InvitedRole,
    SchoolRole,
    StaffJoinRequest,
    StaffMembership,
    hash_token,
)
from .talk_requests import TALK_NOTE_MAX_LENGTH, TalkRequest, TalkSource

__all__ = [
    "INVITATION_LIFETIME",
    "TALK_NOTE_MAX_LENGTH",
    "UNDO_PERIOD",
    "YEAR_GROUPS",
    "Arm",
    "Assignment",
    "AuditAction",
    "AuditEvent",
    "ClassMembership",
    "Delivery",
    "District",
    "Gender",
    "GiasImport",
    "ImportStatus",
    "Invitation",
    "InvitedRole",
    "LocalAuthority",
    "Pupil",
    "RosterFormat",
    "RosterImport",
    "School",
    "SchoolClass",
    "SchoolRole",
    "StaffJoinRequest",
    "StaffMembership",
    "TalkRequest",
    "TalkSource",
    "YearRollover",
    "hash_token",
]
