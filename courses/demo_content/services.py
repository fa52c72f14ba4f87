"""Help services listed on the demo lessons' "Where to get help" slides and the programme's help page.

Each service is recorded once with who it is for (audience, ages, gender, situation), its hours,
channels, the official page its details were checked against and the date they must next be
checked (``courses.help_services`` decides who is shown what). Several services appear in more
than one wording (each module was written separately); each wording is its own constant, named
for the service plus what that wording stresses, built from the service's one record.

Details were checked in 2026 against the services' own pages, or pages of Kent County Council
and Kent's safeguarding partnership for the Kent and Medway service. Where a service's own page
did not say which ages it takes, no ages are recorded (taken as any age).

Lessons take a copy, ``dict(CHILDLINE_...)``, so every lesson has its own dict and
loading code can never change one lesson's data by accident when it edits another's.
"""

REVIEW_BY = "2027-03-31"

_REPORT_REMOVE_WEBSITE = (
    "https://www.childline.org.uk/info-advice/bullying-abuse-safety/"
    "online-mobile-safety/remove-nude-image-shared-online/"
)


def _service(
    name: str,
    *,
    phone: str = "",
    text: str = "",
    website: str = "",
    hours: str = "",
    scope: str = "national",
    audience: str = "pupils",
    min_age: int | None = None,
    max_age: int | None = None,
    gender: str = "anyone",
    situation: str = "",
    channels: tuple[str, ...] = (),
    source: str = "",
) -> dict:
    """One service's record, every field present (a lesson's signposting block stores them all)."""
    return {
        "name": name,
        "description": "",
        "phone": phone,
        "text": text,
        "website": website,
        "hours": hours,
        "scope": scope,
        "audience": audience,
        "min_age": min_age,
        "max_age": max_age,
        "gender": gender,
        "situation": situation,
        "channels": list(channels),
        "review_by": REVIEW_BY,
        "source": source or website,
    }


def _worded(service: dict, description: str, **changes) -> dict:
    return {**service, **changes, "description": description}


# --- The services ----------------------------------------------------------------------------

_CHILDLINE = _service(
    "Childline",
    phone="0800 1111",
    website="https://www.childline.org.uk",
    hours="24 hours",
    max_age=18,
    situation="Anything that is worrying them",
    channels=("phone", "chat", "email"),
)
_REPORT_REMOVE = _service(
    "Report Remove",
    website=_REPORT_REMOVE_WEBSITE,
    max_age=17,
    situation="A nude or semi-nude image or video of them has been shared, or might be",
    channels=("web_form",),
)
_CEOP = _service(
    "CEOP Safety Centre",
    website="https://www.ceop.police.uk/Safety-Centre/",
    situation="Online sexual abuse or grooming, to report to specialist police officers",
    channels=("web_form",),
)
_NSPCC = _service(
    "NSPCC Helpline",
    phone="0808 800 5000",
    website="https://www.nspcc.org.uk",
    audience="adults",
    min_age=18,
    situation="Adults worried about a child or young person",
    channels=("phone", "email"),
)
_THE_MIX = _service(
    "The Mix",
    phone="0808 808 4994",
    website="https://www.themix.org.uk",
    max_age=24,
    situation="Anything on their mind",
    channels=("phone", "chat"),
)
_SHOUT = _service(
    "Shout",
    text="Text SHOUT to 85258",
    hours="24/7",
    situation="Struggling to cope and needing to talk now",
    channels=("text",),
    source="https://giveusashout.org",
)
_DOMESTIC_ABUSE_HELPLINE = _service(
    "National Domestic Abuse Helpline (Refuge)",
    phone="0808 2000 247",
    website="https://www.nationaldahelpline.org.uk",
    hours="24 hours",
    gender="women_girls",
    situation="Women experiencing domestic abuse, and family, friends and others worried about them",
    channels=("phone", "chat"),
)
_MENS_ADVICE_LINE = _service(
    "Men's Advice Line",
    phone="0808 801 0327",
    website="https://mensadviceline.org.uk",
    hours="Weekdays (times on the website)",
    gender="men_boys",
    situation="Men experiencing domestic abuse from a partner, ex-partner or family member, and people worried about them",
    channels=("phone",),
)
_GALOP = _service(
    "Galop",
    phone="0800 999 5428",
    website="https://galop.org.uk",
    hours="Weekdays (times on the website)",
    gender="lgbt",
    situation="LGBT+ people experiencing domestic abuse, sexual violence or other abuse",
    channels=("phone", "email"),
)
_SHORE = _service(
    "Shore (Lucy Faithfull Foundation)",
    website="https://shorespace.org.uk",
    min_age=13,
    max_age=18,
    situation="Teenagers worried about their own sexual thoughts or behaviour, or someone else's",
    channels=("chat", "email"),
    source="https://www.lucyfaithfull.org.uk",
)
_RAPE_CRISIS = _service(
    "Rape and Sexual Abuse Support Line (Rape Crisis)",
    phone="0808 500 2222",
    website="https://247sexualabusesupport.org.uk",
    hours="24 hours, every day",
    min_age=16,
    situation="Anyone affected by sexual violence, abuse or harassment, whenever it happened, and people supporting them",
    channels=("phone", "chat"),
)
_REPORT_HARMFUL_CONTENT = _service(
    "Report Harmful Content",
    website="https://reportharmfulcontent.com",
    min_age=13,
    situation="Harmful content online (bullying, threats, impersonation) that a site has not removed after a report",
    channels=("web_form",),
)
_KENT_DOMESTIC_ABUSE = _service(
    "Kent and Medway domestic abuse support (Victim Support)",
    phone="0808 168 9111",
    website="https://www.domesticabuseservices.org.uk",
    hours="24 hours",
    scope="local",
    situation="Anyone in Kent or Medway affected by domestic abuse, of any gender and age",
    channels=("phone", "chat"),
    source="https://www.kent.gov.uk/leisure-and-community/community-safety/domestic-abuse",
)
_RESPECT_PHONELINE = _service(
    "Respect Phoneline",
    phone="0808 802 4040",
    hours="Weekdays (check times before giving the number)",
    audience="adults",
    min_age=18,
    situation="Adults worried about their own abusive behaviour towards a partner or family member",
    channels=("phone",),
    source="https://www.respect.org.uk",
)
_POLICE = _service(
    "Police",
    phone="999 (emergency) or 101",
    hours="24 hours",
    scope="local",
    situation="Danger or crime",
    source="https://www.kent.police.uk",
)

# --- Wordings used by the lessons ---------------------------------------------------------------

# Childline

CHILDLINE_CALL_CHAT_OR_EMAIL = _worded(
    _CHILDLINE, "Free, confidential help for anyone under 19, about anything. Call, chat online or send an email."
)
CHILDLINE_RELATIONSHIPS_AND_CONSENT = _worded(
    _CHILDLINE, "Free, confidential help for anyone under 19, about anything, including relationships and consent."
)
CHILDLINE_ABOUT_ANYTHING = _worded(
    _CHILDLINE, "Free, confidential help for anyone under 19, about anything. Call or chat online."
)
CHILDLINE_CALL_OR_CHAT = _worded(
    _CHILDLINE, "Free, confidential help for anyone under 19. Call or chat online about anything."
)
CHILDLINE_PHONE_OR_CHAT = _worded(_CHILDLINE, "Free, confidential help for anyone under 19, by phone or online chat.")
CHILDLINE_WHATEVER_WORRIES_YOU = _worded(
    _CHILDLINE,
    "Free, private support for anyone under 19. You can talk about anything that is worrying you, by phone or online.",
)
CHILDLINE_COUNSELLOR = _worded(
    _CHILDLINE,
    "Free, private support for anyone under 19. Talk to a counsellor about anything that is worrying you, by phone "
    "or online chat.",
)

# Report Remove

REPORT_REMOVE_YOUNG_PEOPLE = _worded(
    _REPORT_REMOVE,
    "From Childline and the Internet Watch Foundation. Helps young people under 18 get nude images of themselves "
    "removed from the internet.",
)
REPORT_REMOVE_UNDER_18S = _worded(
    _REPORT_REMOVE,
    "From Childline and the Internet Watch Foundation. Helps under-18s get nude images of themselves removed from "
    "the internet.",
)
REPORT_REMOVE_SEMI_NUDE = _worded(
    _REPORT_REMOVE,
    "Helps under 18s get nude or semi-nude images of themselves removed from the internet.",
    name="Report Remove (Childline and the Internet Watch Foundation)",
)
REPORT_REMOVE_WITH_CHILDLINE_SUPPORT = _worded(
    _REPORT_REMOVE,
    "If a nude or semi-nude image or video of someone under 18 has been shared online, this tool helps get it taken "
    "down. The young person in the image can use it themselves, with support from Childline.",
    name="Report Remove (Childline and the Internet Watch Foundation)",
)
REPORT_REMOVE_NOT_IN_TROUBLE = _worded(
    _REPORT_REMOVE,
    "If a nude or semi-nude image or video of someone under 18 has been shared online, or might be, this tool helps "
    "to get it taken down. You will not get into trouble for using it.",
    name="Report Remove (Childline and the Internet Watch Foundation)",
)

# CEOP

CEOP = _worded(_CEOP, "Report online sexual abuse or grooming to the police.")
CEOP_NCA = _worded(_CEOP, "Report online sexual abuse or grooming to the police. Run by the National Crime Agency.")
CEOP_THREATS_TO_SHARE_IMAGES_NCA = _worded(
    _CEOP,
    "Report online sexual abuse or grooming, or someone threatening to share images, to the police. Run by the "
    "National Crime Agency.",
)
CEOP_THREATS_TO_SHARE_IMAGES = _worded(
    _CEOP, "Report online sexual abuse, grooming or someone threatening to share images of you."
)
CEOP_CHILD_PROTECTION_EXPERTS = _worded(
    _CEOP, "Report online sexual abuse or grooming to the police's child protection experts."
)
CEOP_SEXUAL_TALK_OR_GROOMING = _worded(
    _CEOP,
    "Report it here if an adult, or anyone online, is talking to a young person in a sexual way or trying to groom "
    "them. Your report goes to specialist police officers.",
)
CEOP_ASKING_FOR_IMAGES = _worded(
    _CEOP,
    "Report online sexual abuse, or someone online who is asking for images or making you feel uncomfortable, to "
    "specialist police officers.",
)

# NSPCC (for adults: teacher notes only)

NSPCC = _worded(_NSPCC, "For adults who are worried about a child or young person.")
NSPCC_PARENTS_AND_CARERS = _worded(
    _NSPCC, "For parents, carers and other adults who are worried about a child or young person."
)
NSPCC_CALL_FOR_ADVICE = _worded(
    _NSPCC,
    "For adults who are worried about a child or young person. A parent, carer or other adult can call for advice.",
)
# The same entry as NSPCC_CALL_FOR_ADVICE, with a lower-case "helpline" in the name.
NSPCC_CALL_FOR_ADVICE_LOWERCASE_NAME = {**NSPCC_CALL_FOR_ADVICE, "name": "NSPCC helpline"}

# The Mix

THE_MIX_RELATIONSHIPS = _worded(
    _THE_MIX, "Free, confidential support for people under 25, including about relationships."
)
THE_MIX_RELATIONSHIPS_AND_ONLINE_LIFE = _worded(
    _THE_MIX, "Free, confidential support for people under 25, including about relationships and online life."
)
THE_MIX_ANY_ISSUE_RELATIONSHIPS_AND_LIFE_ONLINE = _worded(
    _THE_MIX, "Free support for under 25s on any issue, including relationships and life online."
)
THE_MIX_ANY_ISSUE_LIFE_ONLINE = _worded(_THE_MIX, "Free support for under 25s on any issue, including life online.")
THE_MIX_ANYTHING_ON_YOUR_MIND = _worded(
    _THE_MIX, "Free support for under 25s on relationships and anything else on your mind."
)
THE_MIX_FRIENDSHIPS_AND_BULLYING = _worded(
    _THE_MIX, "Free support for under 25s about anything, including friendships, bullying and feeling low."
)
THE_MIX_ABOUT_ANYTHING = _worded(_THE_MIX, "Free, confidential support for young people under 25, about anything.")

# Shout

SHOUT = _worded(_SHOUT, "Free, confidential text support if you are struggling to cope.")
SHOUT_SHORT = _worded(_SHOUT, "Free, confidential text support.")
SHOUT_WITH_WEBSITE = _worded(
    _SHOUT,
    "A free text service for anyone who is struggling to cope and needs to talk to someone now.",
    website="https://giveusashout.org",
)
SHOUT_UPSET_OR_CANT_COPE = _worded(
    _SHOUT, "Free, confidential text support if you are feeling upset or can't cope.", hours="24 hours, 7 days a week"
)

# Domestic abuse: Refuge's helpline is for women and those supporting them; men and LGBT+
# people have their own lines, and Kent and Medway a local one for anyone.

DOMESTIC_ABUSE_HELPLINE_ADVICE = _worded(
    _DOMESTIC_ABUSE_HELPLINE,
    "Run by Refuge for women experiencing domestic abuse, and for family, friends and others worried about them, "
    "including young people worried about someone at home.",
)
DOMESTIC_ABUSE_HELPLINE_PARTNER_OR_FAMILY = _worded(
    _DOMESTIC_ABUSE_HELPLINE,
    "Run by Refuge for women experiencing abuse or control from a partner or family member, and for anyone worried "
    "about a woman or girl they know.",
)
DOMESTIC_ABUSE_HELPLINE_CONFIDENTIAL = _worded(
    _DOMESTIC_ABUSE_HELPLINE,
    "Free, confidential support from Refuge for women experiencing domestic abuse, and for those worried about them.",
)
MENS_ADVICE_LINE = _worded(
    _MENS_ADVICE_LINE,
    "Confidential help for men and boys experiencing domestic abuse or control from a partner, ex-partner or family "
    "member, and for people worried about them.",
)
GALOP = _worded(
    _GALOP,
    "Support for LGBT+ people experiencing domestic abuse, sexual violence or other abuse, from LGBT+ advisers.",
)
KENT_DOMESTIC_ABUSE = _worded(
    _KENT_DOMESTIC_ABUSE,
    "For anyone in Kent or Medway affected by domestic abuse, whatever their gender or age. Victim Support listens "
    "and puts you in touch with local help.",
)

# Sexual violence, worries about one's own behaviour, and harmful content online

RAPE_CRISIS = _worded(
    _RAPE_CRISIS,
    "For anyone aged 16 or over affected by sexual violence, abuse or harassment, however long ago, and people "
    "supporting them. Phone or online chat.",
)
SHORE = _worded(
    _SHORE,
    "Anonymous chat and email for 13 to 18-year-olds worried about their own sexual thoughts or behaviour, or "
    "someone else's, without judging.",
)
REPORT_HARMFUL_CONTENT = _worded(
    _REPORT_HARMFUL_CONTENT,
    "For anyone 13 or over: help to report harmful content online, such as bullying or threats, when a site has "
    "not taken it down.",
)

# Respect Phoneline (for adults worried about their own behaviour: teacher notes only)

RESPECT_PHONELINE_PARTNER = _worded(
    _RESPECT_PHONELINE, "Confidential help for adults who are worried about their own behaviour towards a partner."
)
RESPECT_PHONELINE_PARTNER_OR_FAMILY = _worded(
    _RESPECT_PHONELINE,
    "Confidential help for adults worried about their own behaviour towards a partner or family member.",
)
RESPECT_PHONELINE_FOR_ANYONE = _worded(
    _RESPECT_PHONELINE, "For adults worried about how they are treating a partner or family member."
)

# Police

POLICE = _worded(
    _POLICE, "Call 999 if someone is in danger right now. Call 101 to report something that is not an emergency."
)
POLICE_CRIME_HAPPENING = _worded(
    _POLICE,
    "Call 999 if someone is in danger right now or a crime is happening. Call 101 to report something that is not "
    "an emergency.",
    phone="999 (emergency) or 101 (non-emergency)",
)
POLICE_EMERGENCY = _worded(
    _POLICE,
    "If someone is in danger right now, or a crime is happening, call 999.",
    name="Police (emergency)",
    phone="999",
)
POLICE_NON_EMERGENCY = _worded(
    _POLICE,
    "To report something that has happened when nobody is in danger right now.",
    name="Police (non-emergency)",
    phone="101",
)

# The programme's own list: its help page and any lesson whose editor left out signposting.
PROGRAMME_SERVICES = [
    _worded(_CHILDLINE, "Free, private help for anyone under 19, about anything."),
    SHOUT,
    THE_MIX_ABOUT_ANYTHING,
    REPORT_REMOVE_UNDER_18S,
    CEOP,
    SHORE,
    REPORT_HARMFUL_CONTENT,
    RAPE_CRISIS,
    KENT_DOMESTIC_ABUSE,
    _worded(_NSPCC, "For parents, carers and other adults worried about a child.", name="NSPCC helpline (for adults)"),
    _worded(
        _POLICE,
        "Call 999 if you are in danger now. Call 101 to report something that is not an emergency.",
        name="Kent Police",
    ),
]
