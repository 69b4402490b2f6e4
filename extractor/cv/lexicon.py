"""Vocabularies the CV reader leans on: section names, job titles, organisation cues,
degrees and US states.

Kept as data in one place so that a new CV style is usually a word added here, not code.
Section names are matched after normalisation (lower case, ``&`` -> ``and``, no
punctuation); the ``kind`` of a section decides what its entries become: ``education``,
``work_history``, or ``other`` (a distractor whose dated lines must not become jobs).
"""

from __future__ import annotations

from credintake.us_states import STATE_CODES

EDUCATION_SECTIONS = (
    "education", "medical education", "postgraduate training", "post graduate training",
    "postgraduate education", "graduate medical education", "residency", "residencies",
    "residency training", "fellowship", "fellowships", "fellowship training", "internship",
    "internships", "training", "clinical training", "professional training",
    "education and training", "training and education", "academic background",
    "academic history", "academic training", "professional education", "nursing education",
    "degrees", "postdoctoral training", "undergraduate education", "graduate education",
    "educational background", "education history", "schooling", "medical school",
    "education and postgraduate training", "postgraduate medical education",
    "internship and residency", "residency and fellowship", "post doctoral training",
    "academic qualifications", "qualifications", "education and qualifications",
)
WORK_SECTIONS = (
    "professional experience", "experience", "employment", "employment history",
    "work history", "work experience", "hospital appointments", "appointments",
    "clinical experience", "professional appointments", "academic appointments",
    "research experience", "research positions", "clinical research experience",
    "clinical appointments", "positions held", "professional history", "career history",
    "practice experience", "professional employment", "relevant experience",
    "employment experience", "positions", "professional positions", "career",
    "hospital and clinical appointments", "faculty appointments", "medical experience",
    "nursing experience", "clinical positions", "military service", "military experience",
    "professional work experience", "practice history", "current and past positions",
    "current position", "previous positions", "work", "clinical practice",
    "professional practice", "employment and appointments", "experience and appointments",
)
OTHER_SECTIONS = (
    "publications", "presentations", "abstracts", "posters", "memberships",
    "professional memberships", "professional societies", "society memberships",
    "professional affiliations", "affiliations", "hospital affiliations", "licensure",
    "licenses", "licensure and certification", "licenses and certifications",
    "certifications", "certification", "board certification", "board certifications",
    "certifications and licensure", "skills", "clinical skills", "references", "honors",
    "awards", "honors and awards", "awards and honors", "research",
    "teaching", "teaching experience", "volunteer", "volunteer experience",
    "community service", "service", "languages", "interests", "hobbies", "personal",
    "personal information", "summary", "professional summary", "profile", "objective",
    "career objective", "contact", "contact information", "committees",
    "committee service", "leadership", "grants", "activities", "extracurricular activities",
    "citizenship", "professional development", "continuing medical education", "cme",
    "additional information", "professional activities", "editorial activities",
    "peer review", "invited lectures", "lectures", "bibliography", "courses",
    "quality improvement", "procedures", "hospital privileges", "privileges",
    "staff privileges", "medical staff privileges", "board certifications and licensure",
    "licensure and board certification", "certifications and licenses",
    "professional licenses", "state licenses", "dea registration", "national certification",
    "computer skills", "technical skills", "achievements", "accomplishments",
    "scholarly activities", "research interests", "clinical interests", "book chapters",
    "peer reviewed publications", "oral presentations", "poster presentations",
    "professional organizations", "organizations", "societies", "academic honors",
    "life support certifications", "certificates", "leadership experience",
    "leadership positions", "service and leadership", "volunteer work", "community involvement",
    "institutional service", "university service", "editorial boards", "media",
    # resume-builder headings of skills and summaries (one-column resumes from resume sites)
    "core qualifications", "summary of qualifications", "key qualifications",
    "professional overview", "career overview", "professional background", "overview",
    "executive profile", "professional profile", "skill highlights", "highlights",
    "core strengths", "strengths", "skills used", "core competencies", "competencies",
    "areas of expertise", "expertise", "key skills", "career summary", "executive summary",
    "qualifications summary", "research highlights", "highlights of qualifications",
    "credentials", "projects", "recognition", "recognitions", "honors and recognition",
)
SECTION_KINDS: dict[str, str] = {
    **{s: "education" for s in EDUCATION_SECTIONS},
    **{s: "work_history" for s in WORK_SECTIONS},
    **{s: "other" for s in OTHER_SECTIONS},
}
#: Words that make an unknown short heading a distractor heading rather than content.
OTHER_HEAD_WORDS = frozenset({
    "publications", "presentations", "memberships", "licensure", "licenses", "skills",
    "references", "honors", "awards", "research", "teaching", "volunteer", "service",
    "languages", "interests", "committees", "leadership", "grants", "activities",
    "certifications", "certification", "affiliations", "societies", "lectures",
    "abstracts", "posters", "privileges", "summary", "profile", "objective", "bibliography",
    "achievements", "organizations", "hobbies",
})
#: Words of a field of study: on resume sites' one-line education entries the major sits
#: between the degree's colon and the school ("Bachelor of Science : Nursing Practice Utah
#: State University"), so a run of them before the school is the major, not the school's name.
FIELD_OF_STUDY_WORDS = frozenset({
    "nursing", "nurse", "practice", "educator", "education", "business", "management",
    "administration", "healthcare", "health", "care", "science", "sciences", "arts",
    "psychology", "biology", "chemistry", "physics", "mathematics", "medical", "assistant",
    "assisting", "informatics", "clinical", "public", "social", "work", "services", "technology",
    "studies", "general", "liberal", "communication", "communications", "accounting", "finance",
    "economics", "criminal", "justice", "human", "resources", "computer", "information",
    "systems", "engineering", "kinesiology", "nutrition", "dietetics", "pharmacy", "physiology",
    "respiratory", "therapy", "radiologic", "radiography", "sonography", "laboratory",
    "premedical", "pre-med", "pre-nursing", "emergency", "counseling", "marketing", "history",
    "english", "sociology", "exercise", "gerontology", "midwifery", "dental", "hygiene",
    "surgical", "technician", "technologist", "paramedic", "behavioral", "neuroscience",
    "certifications", "certification", "certificate", "coursework", "major", "minor",
    "registered", "practical", "vocational", "licensed", "family", "leadership", "policy",
    "occupational", "physical", "anatomy", "phlebotomy", "coding", "billing", "office",
})
#: Words of an outline sub-heading inside a section ("A. Undergraduate", "B. Graduate and
#: Professional", "C. Clinical Fellowships", "D. Postdoctoral Appointments"): institutional
#: CV templates of academic medical centres letter or number the parts of a section.
OUTLINE_WORDS = frozenset({
    "undergraduate", "graduate", "professional", "postgraduate", "post-graduate", "internship",
    "internships", "residency", "residencies", "fellowship", "fellowships", "clinical",
    "research", "postdoctoral", "post-doctoral", "appointments", "appointment", "training",
    "medical", "education", "other", "degrees", "degree", "school", "schools", "employment",
    "positions", "academic", "hospital", "visiting", "major", "and", "or", "&", "of",
    "continuing", "faculty", "current", "previous", "past", "primary", "secondary",
    "certificates", "programs", "premedical", "pre-medical",
})
#: Column headings of tabular CVs ("Dates | Position | Institution").
COLUMN_HEADINGS = frozenset({
    "dates", "date", "from", "to", "start", "end", "years", "year", "period", "duration",
    "employer", "organization", "organisation", "institution", "hospital", "facility",
    "title", "position", "role", "job title", "location", "city", "state", "city state",
    "degree", "program", "programme", "school", "specialty", "department", "place",
    "start date", "end date", "dates attended", "from to", "degree and program",
    "degree program", "city and state", "position title", "dates of employment",
    "employer name", "institution name", "program and degree", "degree and specialty",
    "specialty", "name", "address", "type",
})

#: Job-title head words (singular: "Physicians" is an organisation cue).
TITLE_WORDS = frozenset({
    "physician", "attending", "hospitalist", "nocturnist", "intensivist", "nurse",
    "practitioner", "director", "chief", "resident", "fellow", "intern", "surgeon",
    "professor", "instructor", "lecturer", "consultant", "partner", "staff", "officer",
    "chair", "chairman", "chairperson", "head", "manager", "supervisor", "coordinator",
    "locum", "locums", "tenens", "anesthesiologist", "anaesthetist", "radiologist",
    "pathologist", "cardiologist", "dermatologist", "neurologist", "oncologist",
    "psychiatrist", "pediatrician", "paediatrician", "obstetrician", "gynecologist",
    "internist", "gastroenterologist", "nephrologist", "urologist", "pulmonologist",
    "endocrinologist", "rheumatologist", "hematologist", "ophthalmologist",
    "otolaryngologist", "allergist", "psychologist", "therapist", "pharmacist",
    "dentist", "midwife", "crna", "aprn", "np", "pa", "pa-c", "rn", "lpn", "cnm", "fnp",
    "assistant", "associate", "clinician", "provider", "specialist", "emergentologist",
    "president", "vice", "dean", "member", "educator", "researcher", "scientist",
    "moonlighting", "moonlighter", "medic", "hospitalists", "doctor", "anesthetist",
    "extern", "sub-intern", "trainee", "volunteer", "scribe", "technician", "technologist",
    "administrator", "leader", "lead", "charge", "registrar", "surgeon-in-chief",
    "physician-in-chief", "medical", "clinical", "senior", "junior", "principal",
    "adjunct", "visiting", "affiliate", "acting", "interim", "deputy", "founding",
})
#: Words that open a title and carry it even alone ("Resident", "Hospitalist").
TITLE_HEADS = frozenset({
    "physician", "attending", "hospitalist", "nocturnist", "intensivist", "nurse",
    "director", "chief", "resident", "fellow", "intern", "surgeon", "professor",
    "instructor", "lecturer", "consultant", "partner", "officer", "chair", "chairman",
    "head", "manager", "supervisor", "coordinator", "locum", "locums", "anesthesiologist",
    "radiologist", "pathologist", "cardiologist", "dermatologist", "neurologist",
    "oncologist", "psychiatrist", "pediatrician", "obstetrician", "internist",
    "gastroenterologist", "nephrologist", "urologist", "pulmonologist", "endocrinologist",
    "rheumatologist", "hematologist", "ophthalmologist", "otolaryngologist", "psychologist",
    "therapist", "pharmacist", "dentist", "midwife", "crna", "aprn", "np", "pa-c", "rn",
    "clinician", "specialist", "president", "dean", "educator", "staff", "associate",
    "assistant", "practitioner", "moonlighting", "extern", "trainee", "administrator",
    "anesthetist", "medical", "senior", "adjunct", "visiting", "interim", "deputy",
    "charge", "clinical", "lead", "vice", "principal", "emergency", "family", "general",
    "hospital", "registered", "certified",
})
#: Organisation cue words; a fragment holding one is an employer or institution.
ORG_WORDS = frozenset({
    "hospital", "hospitals", "center", "centre", "centers", "clinic", "clinics",
    "university", "college", "school", "health", "healthcare", "associates", "group",
    "llc", "inc", "inc.", "pc", "p.c.", "pllc", "llp", "partners", "practice", "institute",
    "foundation", "system", "systems", "services", "va", "kaiser", "memorial", "regional",
    "physicians", "care", "medicine", "department", "dept", "corporation", "corp",
    "company", "co", "network", "alliance", "consortium", "army", "navy", "air", "force",
    "corps", "infirmary", "sanitarium", "hospice", "pediatrics", "specialists",
    "consultants", "providers", "partnership", "ltd", "trust", "authority", "county",
    "community", "medical", "ministry", "agency", "laboratories", "labs", "pharmacy",
    "surgery", "surgical", "orthopaedics", "orthopedics", "cardiology", "radiology",
    "anesthesia", "emergency", "urgent", "outpatient", "inpatient", "nursing", "home",
    "rehabilitation", "rehab", "veterans", "affairs", "mayo", "permanente",
    "ascension", "baptist", "methodist", "presbyterian", "mercy", 
    "children's", "childrens", "women's", "general", "hca", "medstar",
    "sutter", "intermountain", "geisinger", "northwell", "atrium", "advocate", "banner",
    "dignity", "trinity", "adventist", "lutheran", "episcopal", "jewish", "catholic",
    "sinai", "program", "programs", "academy", "staffing", "solutions", "locumtenens",
})
#: Strong organisation cues: enough alone to call a fragment an organisation.
STRONG_ORG_WORDS = frozenset({
    "hospital", "hospitals", "center", "centre", "clinic", "clinics", "university",
    "college", "school", "health", "healthcare", "associates", "group", "llc", "inc",
    "inc.", "pc", "pllc", "llp", "partners", "institute", "foundation", "system",
    "services", "kaiser", "memorial", "physicians", "infirmary", "hospice", "consultants",
    "specialists", "corporation", "network", "permanente", "academy", "staffing", "ltd",
    "va", "providers", "association",
    # schools named in another language ("Universidad de Medicina")
    "universidad", "universidade", "universite", "université", "universita", "università",
    "universität", "universitat", "instituto", "institut", "escuela", "facultad", "colegio",
})

#: Degree and training-program phrases, matched case-insensitively.
DEGREE_PATTERNS = (
    r"\bdoctor of (?:osteopathic )?medicine\b",
    r"\bdoctor of [a-z ]{0,30}(?:practice|philosophy|science|pharmacy|dental surgery|dental medicine)\b",
    r"\b(?:bachelor|master)(?:'?s)? of [a-z ]{2,40}[a-z]",
    r"\b(?:bachelor|master)(?:'?s)?(?: degree)?(?: in [a-z ]{2,40}[a-z])?\b",
    r"\bassociate(?:'?s)? (?:degree|of [a-z ]{2,40}[a-z])",
    r"\b(?:bachelor|master|associate|doctorate)(?:'?s)?(?=\s*:)",  # "Associate: Radiography"
    r"\b(?:residency|fellowship|internship|transitional year|preliminary year)\b"
    r"(?: (?:in|program in|,|:|-|–) ?[a-z][a-z ,&/-]{1,40}[a-z])?",
    r"\b[a-z]+(?: [a-z&]+){0,4} (?:residency|fellowship|internship)(?: program)?\b",
    r"\bcertific(?:ate|ation)(?: of [a-z ]{2,40}[a-z]| in [a-z ]{2,40}[a-z])?\b",
    r"\bdiploma\b",
    r"\bpost[- ]?bac(?:calaureate|c)?\b(?: (?:pre-?medical )?(?:program|certificate|studies))?",
)
#: Degree abbreviations, matched case-sensitively ("MD", "M.D.", "Ph.D.", "PA-C").
DEGREE_ABBREVIATIONS = (
    r"(?<![\w.])(?:M\.?\s?D|D\.?\s?O|Ph\.?\s?D|M\.?\s?P\.?\s?H|M\.?\s?B\.?\s?A|D\.?\s?N\.?\s?P"
    r"|M\.?\s?S\.?\s?N|B\.?\s?S\.?\s?N|B\.?\s?S|B\.?\s?A|M\.?\s?S|M\.?\s?A|Pharm\.?\s?D"
    r"|D\.?\s?D\.?\s?S|D\.?\s?M\.?\s?D|M\.?\s?B\.?\s?B\.?\s?S|A\.?\s?D\.?\s?N|P\.?\s?A\.?-?\s?C"
    r"|M\.?\s?P\.?\s?A\.?\s?S|M\.?\s?M\.?\s?S|D\.?\s?N\.?\s?A\.?\s?P|M\.?\s?Sc|B\.?\s?Sc|A\.?\s?A"
    r"|A\.?\s?S|DNP|MSN|BSN|CRNA|FNP|GED)\.?(?![\w])"
)

STATES = STATE_CODES
USPS = frozenset(STATES.values())
#: Old-style abbreviations still printed on CVs ("Boston, Mass.").
STATE_ABBREVIATIONS: dict[str, str] = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO",
    "conn": "CT", "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN",
    "kan": "KS", "kans": "KS", "ky": "KY", "la": "LA", "md": "MD", "mass": "MA",
    "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE",
    "nebr": "NE", "nev": "NV", "n.h": "NH", "n.j": "NJ", "n.m": "NM", "n.y": "NY",
    "n.c": "NC", "n.d": "ND", "okla": "OK", "ore": "OR", "oreg": "OR", "pa": "PA",
    "penn": "PA", "penna": "PA", "r.i": "RI", "s.c": "SC", "s.d": "SD", "tenn": "TN",
    "tex": "TX", "vt": "VT", "va": "VA", "wash": "WA", "w.va": "WV", "wis": "WI",
    "wisc": "WI", "wyo": "WY", "d.c": "DC",
}
