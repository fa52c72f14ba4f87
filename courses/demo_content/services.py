"""Help services listed on the demo lessons' "Where to get help" slides.

One constant per distinct entry. Several services appear in more than one wording
(each module was written separately); each wording is its own constant, named for
the service plus what that wording stresses, so changing a constant here changes
every lesson that uses it and nothing else.

Lessons take a copy, ``dict(CHILDLINE_...)``, so every lesson has its own dict and
loading code can never change one lesson's data by accident when it edits another's.
"""

_REPORT_REMOVE_WEBSITE = (
    "https://www.childline.org.uk/info-advice/bullying-abuse-safety/"
    "online-mobile-safety/remove-nude-image-shared-online/"
)

# Childline

CHILDLINE_CALL_CHAT_OR_EMAIL = {
    "name": "Childline",
    "description": "Free, confidential help for anyone under 19, about anything. Call, chat online or send an email.",
    "phone": "0800 1111",
    "text": "",
    "website": "https://www.childline.org.uk",
    "hours": "24 hours",
    "scope": "national",
}

CHILDLINE_RELATIONSHIPS_AND_CONSENT = {
    "name": "Childline",
    "description": "Free, confidential help for anyone under 19, about anything, including relationships and consent.",
    "phone": "0800 1111",
    "text": "",
    "website": "https://www.childline.org.uk",
    "hours": "24 hours",
    "scope": "national",
}

CHILDLINE_ABOUT_ANYTHING = {
    "name": "Childline",
    "description": "Free, confidential help for anyone under 19, about anything. Call or chat online.",
    "phone": "0800 1111",
    "text": "",
    "website": "https://www.childline.org.uk",
    "hours": "24 hours",
    "scope": "national",
}

CHILDLINE_CALL_OR_CHAT = {
    "name": "Childline",
    "description": "Free, confidential help for anyone under 19. Call or chat online about anything.",
    "phone": "0800 1111",
    "text": "",
    "website": "https://www.childline.org.uk",
    "hours": "24 hours",
    "scope": "national",
}

CHILDLINE_PHONE_OR_CHAT = {
    "name": "Childline",
    "description": "Free, confidential help for anyone under 19, by phone or online chat.",
    "phone": "0800 1111",
    "text": "",
    "website": "https://www.childline.org.uk",
    "hours": "24 hours",
    "scope": "national",
}

CHILDLINE_WHATEVER_WORRIES_YOU = {
    "name": "Childline",
    "description": (
        "Free, private support for anyone under 19. You can talk about anything that is "
        "worrying you, by phone or online."
    ),
    "phone": "0800 1111",
    "text": "",
    "website": "https://www.childline.org.uk",
    "hours": "24 hours",
    "scope": "national",
}

CHILDLINE_COUNSELLOR = {
    "name": "Childline",
    "description": (
        "Free, private support for anyone under 19. Talk to a counsellor about anything that "
        "is worrying you, by phone or online chat."
    ),
    "phone": "0800 1111",
    "text": "",
    "website": "https://www.childline.org.uk",
    "hours": "24 hours",
    "scope": "national",
}


# Report Remove

REPORT_REMOVE_YOUNG_PEOPLE = {
    "name": "Report Remove",
    "description": (
        "From Childline and the Internet Watch Foundation. Helps young people under 18 get "
        "nude images of themselves removed from the internet."
    ),
    "phone": "",
    "text": "",
    "website": _REPORT_REMOVE_WEBSITE,
    "hours": "",
    "scope": "national",
}

REPORT_REMOVE_UNDER_18S = {
    "name": "Report Remove",
    "description": (
        "From Childline and the Internet Watch Foundation. Helps under-18s get nude images of "
        "themselves removed from the internet."
    ),
    "phone": "",
    "text": "",
    "website": _REPORT_REMOVE_WEBSITE,
    "hours": "",
    "scope": "national",
}

REPORT_REMOVE_SEMI_NUDE = {
    "name": "Report Remove (Childline and the Internet Watch Foundation)",
    "description": "Helps under 18s get nude or semi-nude images of themselves removed from the internet.",
    "phone": "",
    "text": "",
    "website": _REPORT_REMOVE_WEBSITE,
    "hours": "",
    "scope": "national",
}

REPORT_REMOVE_WITH_CHILDLINE_SUPPORT = {
    "name": "Report Remove (Childline and the Internet Watch Foundation)",
    "description": (
        "If a nude or semi-nude image or video of someone under 18 has been shared online, "
        "this tool helps get it taken down. The young person in the image can use it "
        "themselves, with support from Childline."
    ),
    "phone": "",
    "text": "",
    "website": _REPORT_REMOVE_WEBSITE,
    "hours": "",
    "scope": "national",
}

REPORT_REMOVE_NOT_IN_TROUBLE = {
    "name": "Report Remove (Childline and the Internet Watch Foundation)",
    "description": (
        "If a nude or semi-nude image or video of someone under 18 has been shared online, or "
        "might be, this tool helps to get it taken down. You will not get into trouble for "
        "using it."
    ),
    "phone": "",
    "text": "",
    "website": _REPORT_REMOVE_WEBSITE,
    "hours": "",
    "scope": "national",
}


# CEOP

CEOP = {
    "name": "CEOP Safety Centre",
    "description": "Report online sexual abuse or grooming to the police.",
    "phone": "",
    "text": "",
    "website": "https://www.ceop.police.uk/Safety-Centre/",
    "hours": "",
    "scope": "national",
}

CEOP_NCA = {
    "name": "CEOP Safety Centre",
    "description": "Report online sexual abuse or grooming to the police. Run by the National Crime Agency.",
    "phone": "",
    "text": "",
    "website": "https://www.ceop.police.uk/Safety-Centre/",
    "hours": "",
    "scope": "national",
}

CEOP_THREATS_TO_SHARE_IMAGES_NCA = {
    "name": "CEOP Safety Centre",
    "description": (
        "Report online sexual abuse or grooming, or someone threatening to share images, to "
        "the police. Run by the National Crime Agency."
    ),
    "phone": "",
    "text": "",
    "website": "https://www.ceop.police.uk/Safety-Centre/",
    "hours": "",
    "scope": "national",
}

CEOP_THREATS_TO_SHARE_IMAGES = {
    "name": "CEOP Safety Centre",
    "description": "Report online sexual abuse, grooming or someone threatening to share images of you.",
    "phone": "",
    "text": "",
    "website": "https://www.ceop.police.uk/Safety-Centre/",
    "hours": "",
    "scope": "national",
}

CEOP_CHILD_PROTECTION_EXPERTS = {
    "name": "CEOP Safety Centre",
    "description": "Report online sexual abuse or grooming to the police's child protection experts.",
    "phone": "",
    "text": "",
    "website": "https://www.ceop.police.uk/Safety-Centre/",
    "hours": "",
    "scope": "national",
}

CEOP_SEXUAL_TALK_OR_GROOMING = {
    "name": "CEOP Safety Centre",
    "description": (
        "Report it here if an adult, or anyone online, is talking to a young person in a "
        "sexual way or trying to groom them. Your report goes to specialist police officers."
    ),
    "phone": "",
    "text": "",
    "website": "https://www.ceop.police.uk/Safety-Centre/",
    "hours": "",
    "scope": "national",
}

CEOP_ASKING_FOR_IMAGES = {
    "name": "CEOP Safety Centre",
    "description": (
        "Report online sexual abuse, or someone online who is asking for images or making you "
        "feel uncomfortable, to specialist police officers."
    ),
    "phone": "",
    "text": "",
    "website": "https://www.ceop.police.uk/Safety-Centre/",
    "hours": "",
    "scope": "national",
}


# NSPCC

NSPCC = {
    "name": "NSPCC Helpline",
    "description": "For adults who are worried about a child or young person.",
    "phone": "0808 800 5000",
    "text": "",
    "website": "https://www.nspcc.org.uk",
    "hours": "",
    "scope": "national",
}

NSPCC_PARENTS_AND_CARERS = {
    "name": "NSPCC Helpline",
    "description": "For parents, carers and other adults who are worried about a child or young person.",
    "phone": "0808 800 5000",
    "text": "",
    "website": "https://www.nspcc.org.uk",
    "hours": "",
    "scope": "national",
}

NSPCC_CALL_FOR_ADVICE = {
    "name": "NSPCC Helpline",
    "description": (
        "For adults who are worried about a child or young person. A parent, carer or other adult can call for advice."
    ),
    "phone": "0808 800 5000",
    "text": "",
    "website": "https://www.nspcc.org.uk",
    "hours": "",
    "scope": "national",
}

# The same entry as NSPCC_CALL_FOR_ADVICE, with a lower-case "helpline" in the name.
NSPCC_CALL_FOR_ADVICE_LOWERCASE_NAME = {**NSPCC_CALL_FOR_ADVICE, "name": "NSPCC helpline"}


# The Mix

THE_MIX_RELATIONSHIPS = {
    "name": "The Mix",
    "description": "Free, confidential support for people under 25, including about relationships.",
    "phone": "0808 808 4994",
    "text": "",
    "website": "https://www.themix.org.uk",
    "hours": "",
    "scope": "national",
}

THE_MIX_RELATIONSHIPS_AND_ONLINE_LIFE = {
    "name": "The Mix",
    "description": "Free, confidential support for people under 25, including about relationships and online life.",
    "phone": "0808 808 4994",
    "text": "",
    "website": "https://www.themix.org.uk",
    "hours": "",
    "scope": "national",
}

THE_MIX_ANY_ISSUE_RELATIONSHIPS_AND_LIFE_ONLINE = {
    "name": "The Mix",
    "description": "Free support for under 25s on any issue, including relationships and life online.",
    "phone": "0808 808 4994",
    "text": "",
    "website": "https://www.themix.org.uk",
    "hours": "",
    "scope": "national",
}

THE_MIX_ANY_ISSUE_LIFE_ONLINE = {
    "name": "The Mix",
    "description": "Free support for under 25s on any issue, including life online.",
    "phone": "0808 808 4994",
    "text": "",
    "website": "https://www.themix.org.uk",
    "hours": "",
    "scope": "national",
}

THE_MIX_ANYTHING_ON_YOUR_MIND = {
    "name": "The Mix",
    "description": "Free support for under 25s on relationships and anything else on your mind.",
    "phone": "0808 808 4994",
    "text": "",
    "website": "https://www.themix.org.uk",
    "hours": "",
    "scope": "national",
}

THE_MIX_FRIENDSHIPS_AND_BULLYING = {
    "name": "The Mix",
    "description": "Free support for under 25s about anything, including friendships, bullying and feeling low.",
    "phone": "0808 808 4994",
    "text": "",
    "website": "https://www.themix.org.uk",
    "hours": "",
    "scope": "national",
}

THE_MIX_ABOUT_ANYTHING = {
    "name": "The Mix",
    "description": "Free, confidential support for young people under 25, about anything.",
    "phone": "0808 808 4994",
    "text": "",
    "website": "https://www.themix.org.uk",
    "hours": "",
    "scope": "national",
}


# Shout

SHOUT = {
    "name": "Shout",
    "description": "Free, confidential text support if you are struggling to cope.",
    "phone": "",
    "text": "Text SHOUT to 85258",
    "website": "",
    "hours": "24/7",
    "scope": "national",
}

SHOUT_SHORT = {
    "name": "Shout",
    "description": "Free, confidential text support.",
    "phone": "",
    "text": "Text SHOUT to 85258",
    "website": "",
    "hours": "24/7",
    "scope": "national",
}

SHOUT_WITH_WEBSITE = {
    "name": "Shout",
    "description": "A free text service for anyone who is struggling to cope and needs to talk to someone now.",
    "phone": "",
    "text": "Text SHOUT to 85258",
    "website": "https://giveusashout.org",
    "hours": "24/7",
    "scope": "national",
}

SHOUT_UPSET_OR_CANT_COPE = {
    "name": "Shout",
    "description": "Free, confidential text support if you are feeling upset or can't cope.",
    "phone": "",
    "text": "Text SHOUT to 85258",
    "website": "",
    "hours": "24 hours, 7 days a week",
    "scope": "national",
}


# National Domestic Abuse Helpline

DOMESTIC_ABUSE_HELPLINE_ADVICE = {
    "name": "National Domestic Abuse Helpline",
    "description": "Support and advice about domestic abuse, including for people worried about someone else.",
    "phone": "0808 2000 247",
    "text": "",
    "website": "https://www.nationaldahelpline.org.uk",
    "hours": "24 hours",
    "scope": "national",
}

DOMESTIC_ABUSE_HELPLINE_PARTNER_OR_FAMILY = {
    "name": "National Domestic Abuse Helpline",
    "description": (
        "Support for anyone experiencing abuse or control from a partner or family member, or "
        "worried about someone else."
    ),
    "phone": "0808 2000 247",
    "text": "",
    "website": "https://www.nationaldahelpline.org.uk",
    "hours": "24 hours",
    "scope": "national",
}

DOMESTIC_ABUSE_HELPLINE_CONFIDENTIAL = {
    "name": "National Domestic Abuse Helpline",
    "description": (
        "Free, confidential support for people experiencing domestic abuse and for those worried about them."
    ),
    "phone": "0808 2000 247",
    "text": "",
    "website": "https://www.nationaldahelpline.org.uk",
    "hours": "24 hours",
    "scope": "national",
}


# Respect Phoneline

RESPECT_PHONELINE_PARTNER = {
    "name": "Respect Phoneline",
    "description": "Confidential help for people who are worried about their own behaviour towards a partner.",
    "phone": "0808 802 4040",
    "text": "",
    "website": "",
    "hours": "",
    "scope": "national",
}

RESPECT_PHONELINE_PARTNER_OR_FAMILY = {
    "name": "Respect Phoneline",
    "description": "Confidential help for people worried about their own behaviour towards a partner or family member.",
    "phone": "0808 802 4040",
    "text": "",
    "website": "",
    "hours": "",
    "scope": "national",
}

RESPECT_PHONELINE_FOR_ANYONE = {
    "name": "Respect Phoneline",
    "description": "For anyone worried about how they are treating a partner or family member.",
    "phone": "0808 802 4040",
    "text": "",
    "website": "",
    "hours": "",
    "scope": "national",
}


# Police

POLICE = {
    "name": "Police",
    "description": "Call 999 if someone is in danger right now. Call 101 to report something that is not an emergency.",
    "phone": "999 (emergency) or 101",
    "text": "",
    "website": "",
    "hours": "24 hours",
    "scope": "local",
}

POLICE_CRIME_HAPPENING = {
    "name": "Police",
    "description": (
        "Call 999 if someone is in danger right now or a crime is happening. Call 101 to "
        "report something that is not an emergency."
    ),
    "phone": "999 (emergency) or 101 (non-emergency)",
    "text": "",
    "website": "",
    "hours": "24 hours",
    "scope": "local",
}

POLICE_EMERGENCY = {
    "name": "Police (emergency)",
    "description": "If someone is in danger right now, or a crime is happening, call 999.",
    "phone": "999",
    "text": "",
    "website": "",
    "hours": "24 hours",
    "scope": "local",
}

POLICE_NON_EMERGENCY = {
    "name": "Police (non-emergency)",
    "description": "To report something that has happened when nobody is in danger right now.",
    "phone": "101",
    "text": "",
    "website": "",
    "hours": "24 hours",
    "scope": "local",
}
