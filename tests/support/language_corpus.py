"""Sentences as practitioners and scrutineers write them, for the language guidance checker.

MUST_SUGGEST: each brings the suggestion of the rule named beside it. MUST_NOT_SUGGEST:
correct practice (consent to a referral or to sharing information, the recommended
wording, a term quoted to retire it, words that only look like a phrase) brings none.
Used by the server-side test and by the browser test that runs the page's checker.
"""

MUST_SUGGEST = [
    ("Police recorded NFA following the ABE interview.", "no-further-action"),
    ("The strategy discussion concluded with no further action.", "no-further-action"),
    ("Case closed to children's social care as NFA after the section 47 enquiry.", "no-further-action"),
    ("Outcome of the investigation: No Further Action.", "no-further-action"),
    ("CSC have NFA'd the referral and stepped the family down to early help.", "no-further-action"),
    ("NFA – insufficient evidence to proceed.", "no-further-action"),
    (
        "3 of the 10 strategy discussions audited ended in no further action without a multi-agency discussion.",
        "no-further-action",
    ),
    ("Children's social care challenged the NFA decision at the strategy meeting.", "no-further-action"),
    ("The decision was NFA, and the family were told the abuse was not proven.", "no-further-action"),
    ("Police closed the case as no\nfurther action in March.", "no-further-action"),
    ("The GP notes describe Jess as sexually active since the age of 13.", "sexually-active"),
    (
        "Health visitor recorded that the 14-year-old was sexually active with her 19-year-old boyfriend.",
        "sexually-active",
    ),
    ("She said she consented, so police did not pursue it.", "consent"),
    ("The relationship with her stepfather's friend was described as consensual.", "consent"),
    ("Records say the child consented to sexual activity with her uncle.", "consent"),
    ("He was 15 and she was 13; both said it was consensual.", "consent"),
    ("Mother consented to her daughter seeing the 20-year-old.", "consent"),
    ("Early referrals from 2019 described her as a child prostitute.", "child-prostitution"),
    ("Older police files refer to child prostitution in the town centre.", "child-prostitution"),
    ("School staff thought she was promiscuous and did not refer.", "promiscuous"),
    ("Her behaviour was described as promiscuous by the residential unit.", "promiscuous"),
    (
        "Replace 'no further action' in closure letters, but the GP still wrote she was sexually active.",
        "sexually-active",
    ),
]

MUST_NOT_SUGGEST = [
    "The non-abusing parent consented to the referral.",
    "Mother consented to information sharing with the GP and school.",
    "Father consented to the early help assessment.",
    "The young person consented to a forensic medical examination at the SARC.",
    "Both parents consented to the referral to CAMHS.",
    "Mother consented to a referral to the ISVA service.",
    "She consented to being interviewed by police with an intermediary.",
    "The child's mother consented to us sharing the strategy discussion notes with the school.",
    "The carer consented to the safety plan.",
    "The police investigation concerned non-consensual sexual activity.",
    "Stop recording 'no further action'.",
    "Replace NFA in closure records.",
    "Replace 'no further action' and 'NFA' in closure records with the Panel's wording.",
    "Closure letters now say 'no further police action at this time' instead of 'no further action'.",
    "The term 'no further action' should not be used in closure records.",
    "NFA should no longer be used in strategy discussion minutes.",
    "We have stopped using NFA in strategy discussion minutes.",
    "The police have replaced NFA with 'no further police action at this time' in all closure letters.",
    "No further police action at this time; the multi-agency plan continues.",
    "The audit found no further actions were needed on the training plan.",
    "Training now tells staff to avoid 'sexually active' when describing children who have been abused.",
    "Practitioners were reminded not to use the phrase 'child prostitution'.",
    "Words such as 'promiscuous' minimise abuse and have been removed from the training.",
    "The consent form for the referral was signed by the non-abusing parent.",
]
