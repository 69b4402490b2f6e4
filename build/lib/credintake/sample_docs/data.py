"""Reference tables the synthetic personas draw from.

Real institution and board names are public facts and make the generated paper look
like what credentialing staff really receive; people are always invented (Faker).
"""

from __future__ import annotations

from credintake.us_states import STATE_NAMES  # noqa: F401 - re-exported to templates


#: Practice states used for personas, with a few real cities and phone area codes.
CITIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "CA": (("Sacramento", "Fresno", "San Diego", "Oakland", "Riverside", "Santa Rosa"), ("916", "559", "619", "510")),
    "TX": (("Austin", "Houston", "San Antonio", "Lubbock", "El Paso", "Tyler"), ("512", "713", "210", "806")),
    "NY": (("Albany", "Rochester", "Syracuse", "Buffalo", "Ithaca", "Brooklyn"), ("518", "585", "315", "716")),
    "FL": (("Tampa", "Orlando", "Gainesville", "Jacksonville", "Sarasota", "Pensacola"), ("813", "407", "352", "904")),
    "PA": (("Pittsburgh", "Harrisburg", "Allentown", "Erie", "Lancaster", "Scranton"), ("412", "717", "610", "814")),
    "OH": (("Columbus", "Dayton", "Toledo", "Akron", "Cincinnati", "Canton"), ("614", "937", "419", "330")),
    "IL": (("Springfield", "Peoria", "Rockford", "Naperville", "Champaign", "Evanston"), ("217", "309", "815", "630")),
    "MA": (("Worcester", "Springfield", "Lowell", "Boston", "Pittsfield", "Framingham"), ("508", "413", "978", "617")),
    "WA": (("Spokane", "Tacoma", "Olympia", "Yakima", "Bellingham", "Everett"), ("509", "253", "360", "425")),
    "GA": (("Atlanta", "Macon", "Savannah", "Augusta", "Athens", "Columbus"), ("404", "478", "912", "706")),
    "NC": (("Raleigh", "Durham", "Asheville", "Greenville", "Wilmington", "Charlotte"), ("919", "828", "252", "704")),
    "MI": (("Lansing", "Grand Rapids", "Ann Arbor", "Kalamazoo", "Flint", "Traverse City"), ("517", "616", "734", "269")),
    "AZ": (("Phoenix", "Tucson", "Flagstaff", "Mesa", "Yuma", "Prescott"), ("602", "520", "928", "480")),
    "CO": (("Denver", "Boulder", "Pueblo", "Greeley", "Aurora", "Durango"), ("303", "720", "719", "970")),
    "MN": (("Minneapolis", "Rochester", "Duluth", "St. Cloud", "Mankato", "Bemidji"), ("612", "507", "218", "320")),
    "VA": (("Richmond", "Roanoke", "Norfolk", "Charlottesville", "Lynchburg", "Fairfax"), ("804", "540", "757", "434")),
    "TN": (("Nashville", "Memphis", "Knoxville", "Chattanooga", "Jackson", "Johnson City"), ("615", "901", "865", "423")),
    "OR": (("Portland", "Eugene", "Salem", "Bend", "Medford", "Corvallis"), ("503", "541", "971", "458")),
}

#: Medical licensing board per state (the name carries the state, as on real paper).
MEDICAL_BOARDS: dict[str, str] = {
    "CA": "Medical Board of California", "TX": "Texas Medical Board",
    "NY": "New York State Education Department", "FL": "Florida Board of Medicine",
    "PA": "Pennsylvania State Board of Medicine", "OH": "State Medical Board of Ohio",
    "IL": "Illinois Department of Financial and Professional Regulation",
    "MA": "Massachusetts Board of Registration in Medicine", "WA": "Washington Medical Commission",
    "GA": "Georgia Composite Medical Board", "NC": "North Carolina Medical Board",
    "MI": "Michigan Board of Medicine", "AZ": "Arizona Medical Board", "CO": "Colorado Medical Board",
    "MN": "Minnesota Board of Medical Practice", "VA": "Virginia Board of Medicine",
    "TN": "Tennessee Board of Medical Examiners", "OR": "Oregon Medical Board",
}

MED_SCHOOLS: tuple[tuple[str, str, str], ...] = (
    ("University of Michigan Medical School", "Ann Arbor", "MI"),
    ("Johns Hopkins University School of Medicine", "Baltimore", "MD"),
    ("University of Washington School of Medicine", "Seattle", "WA"),
    ("Baylor College of Medicine", "Houston", "TX"),
    ("Ohio State University College of Medicine", "Columbus", "OH"),
    ("University of Minnesota Medical School", "Minneapolis", "MN"),
    ("Emory University School of Medicine", "Atlanta", "GA"),
    ("University of Colorado School of Medicine", "Aurora", "CO"),
    ("Tulane University School of Medicine", "New Orleans", "LA"),
    ("University of Florida College of Medicine", "Gainesville", "FL"),
    ("Medical College of Wisconsin", "Milwaukee", "WI"),
    ("University of Iowa Carver College of Medicine", "Iowa City", "IA"),
    ("Rush Medical College", "Chicago", "IL"),
    ("University of Virginia School of Medicine", "Charlottesville", "VA"),
    ("Oregon Health & Science University School of Medicine", "Portland", "OR"),
    ("Wake Forest University School of Medicine", "Winston-Salem", "NC"),
)
DO_SCHOOLS: tuple[tuple[str, str, str], ...] = (
    ("Philadelphia College of Osteopathic Medicine", "Philadelphia", "PA"),
    ("Kansas City University College of Osteopathic Medicine", "Kansas City", "MO"),
    ("Michigan State University College of Osteopathic Medicine", "East Lansing", "MI"),
    ("A.T. Still University Kirksville College of Osteopathic Medicine", "Kirksville", "MO"),
    ("Des Moines University College of Osteopathic Medicine", "Des Moines", "IA"),
    ("Ohio University Heritage College of Osteopathic Medicine", "Athens", "OH"),
    ("Rocky Vista University College of Osteopathic Medicine", "Parker", "CO"),
)
NURSING_SCHOOLS: tuple[tuple[str, str, str], ...] = (
    ("University of Pennsylvania School of Nursing", "Philadelphia", "PA"),
    ("Duke University School of Nursing", "Durham", "NC"),
    ("Vanderbilt University School of Nursing", "Nashville", "TN"),
    ("University of Texas at Austin School of Nursing", "Austin", "TX"),
    ("Rush University College of Nursing", "Chicago", "IL"),
    ("University of Washington School of Nursing", "Seattle", "WA"),
    ("Emory University Nell Hodgson Woodruff School of Nursing", "Atlanta", "GA"),
    ("Oregon Health & Science University School of Nursing", "Portland", "OR"),
)
PA_SCHOOLS: tuple[tuple[str, str, str], ...] = (
    ("Duke University Physician Assistant Program", "Durham", "NC"),
    ("University of Iowa Physician Assistant Studies", "Iowa City", "IA"),
    ("Emory University School of Medicine PA Program", "Atlanta", "GA"),
    ("University of Utah Physician Assistant Program", "Salt Lake City", "UT"),
    ("Quinnipiac University", "Hamden", "CT"),
)
PHARMACY_SCHOOLS: tuple[tuple[str, str, str], ...] = (
    ("University of North Carolina Eshelman School of Pharmacy", "Chapel Hill", "NC"),
    ("University of Michigan College of Pharmacy", "Ann Arbor", "MI"),
    ("Ohio State University College of Pharmacy", "Columbus", "OH"),
    ("University of Texas College of Pharmacy", "Austin", "TX"),
)
UNDERGRAD: tuple[tuple[str, str, str], ...] = (
    ("University of Wisconsin-Madison", "Madison", "WI"), ("Boston College", "Chestnut Hill", "MA"),
    ("University of Georgia", "Athens", "GA"), ("Indiana University", "Bloomington", "IN"),
    ("Rice University", "Houston", "TX"), ("University of Arizona", "Tucson", "AZ"),
    ("Miami University", "Oxford", "OH"), ("University of Oregon", "Eugene", "OR"),
    ("Tufts University", "Medford", "MA"), ("University of Kansas", "Lawrence", "KS"),
)
UNDERGRAD_DEGREES = ("Bachelor of Science in Biology", "Bachelor of Arts in Chemistry",
                     "Bachelor of Science in Biochemistry", "Bachelor of Arts in Psychology",
                     "Bachelor of Science in Nursing")

TRAINING_SITES: tuple[tuple[str, str, str], ...] = (
    ("Massachusetts General Hospital", "Boston", "MA"),
    ("University of Chicago Medical Center", "Chicago", "IL"),
    ("Cleveland Clinic Foundation", "Cleveland", "OH"),
    ("Barnes-Jewish Hospital", "St. Louis", "MO"),
    ("University of Colorado Hospital", "Aurora", "CO"),
    ("Oregon Health & Science University Hospital", "Portland", "OR"),
    ("Vanderbilt University Medical Center", "Nashville", "TN"),
    ("UT Southwestern Medical Center", "Dallas", "TX"),
    ("University of Michigan Health System", "Ann Arbor", "MI"),
    ("Mayo Clinic School of Graduate Medical Education", "Rochester", "MN"),
    ("Emory University Hospital", "Atlanta", "GA"),
    ("Maine Medical Center", "Portland", "ME"),
    ("Christiana Care Health System", "Newark", "DE"),
    ("Allegheny General Hospital", "Pittsburgh", "PA"),
)

#: specialty -> (ABMS board, residency program, residency years, fellowships)
MD_SPECIALTIES: dict[str, tuple[str, str, int, tuple[str, ...]]] = {
    "Internal Medicine": ("American Board of Internal Medicine", "Internal Medicine", 3,
                          ("Cardiovascular Disease", "Gastroenterology", "Pulmonary Disease and Critical Care Medicine")),
    "Family Medicine": ("American Board of Family Medicine", "Family Medicine", 3, ("Sports Medicine",)),
    "Pediatrics": ("American Board of Pediatrics", "Pediatrics", 3, ("Neonatal-Perinatal Medicine",)),
    "Emergency Medicine": ("American Board of Emergency Medicine", "Emergency Medicine", 3, ("Medical Toxicology",)),
    "Anesthesiology": ("American Board of Anesthesiology", "Anesthesiology", 4, ("Pain Medicine",)),
    "Surgery": ("American Board of Surgery", "General Surgery", 5, ("Vascular Surgery",)),
    "Psychiatry": ("American Board of Psychiatry and Neurology", "Psychiatry", 4, ("Child and Adolescent Psychiatry",)),
    "Obstetrics and Gynecology": ("American Board of Obstetrics and Gynecology", "Obstetrics and Gynecology", 4, ()),
    "Diagnostic Radiology": ("American Board of Radiology", "Diagnostic Radiology", 4, ("Neuroradiology",)),
    "Neurology": ("American Board of Psychiatry and Neurology", "Neurology", 4, ("Clinical Neurophysiology",)),
}
AOA_BOARDS: dict[str, str] = {
    "Internal Medicine": "American Osteopathic Board of Internal Medicine",
    "Family Medicine": "American Osteopathic Board of Family Physicians",
    "Pediatrics": "American Osteopathic Board of Pediatrics",
    "Emergency Medicine": "American Osteopathic Board of Emergency Medicine",
    "Anesthesiology": "American Osteopathic Board of Anesthesiology",
    "Surgery": "American Osteopathic Board of Surgery",
    "Psychiatry": "American Osteopathic Board of Neurology and Psychiatry",
    "Obstetrics and Gynecology": "American Osteopathic Board of Obstetrics and Gynecology",
    "Diagnostic Radiology": "American Osteopathic Board of Radiology",
    "Neurology": "American Osteopathic Board of Neurology and Psychiatry",
}

#: profession -> list of (specialty, board, certified specialty)
OTHER_CERTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "NP": (("Family Medicine", "American Academy of Nurse Practitioners Certification Board", "Family Nurse Practitioner"),
           ("Internal Medicine", "American Nurses Credentialing Center", "Adult-Gerontology Primary Care Nurse Practitioner"),
           ("Psychiatry", "American Nurses Credentialing Center", "Psychiatric-Mental Health Nurse Practitioner")),
    "PA": (("Emergency Medicine", "National Commission on Certification of Physician Assistants", "Physician Assistant"),
           ("Family Medicine", "National Commission on Certification of Physician Assistants", "Physician Assistant"),
           ("Surgery", "National Commission on Certification of Physician Assistants", "Physician Assistant")),
    "CRNA": (("Anesthesiology", "National Board of Certification and Recertification for Nurse Anesthetists", "Nurse Anesthesia"),),
    "PharmD": (("Internal Medicine", "Board of Pharmacy Specialties", "Pharmacotherapy"),
               ("Family Medicine", "Board of Pharmacy Specialties", "Ambulatory Care Pharmacy")),
    "RN": (("Internal Medicine", "American Nurses Credentialing Center", "Medical-Surgical Nursing"),
           ("Pediatrics", "American Nurses Credentialing Center", "Pediatric Nursing")),
}

#: profession -> (degree in words, degree abbreviation, license profession wording)
PROFESSION_INFO: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "MD": ("Doctor of Medicine", "MD", ("Physician and Surgeon", "Medical Doctor", "Physician")),
    "DO": ("Doctor of Osteopathic Medicine", "DO", ("Osteopathic Physician and Surgeon", "Osteopathic Physician")),
    "NP": ("Master of Science in Nursing", "MSN", ("Advanced Practice Registered Nurse", "Nurse Practitioner")),
    "PA": ("Master of Physician Assistant Studies", "MPAS", ("Physician Assistant",)),
    "CRNA": ("Doctor of Nursing Practice", "DNP", ("Certified Registered Nurse Anesthetist", "Advanced Practice Registered Nurse")),
    "PharmD": ("Doctor of Pharmacy", "PharmD", ("Pharmacist",)),
    "RN": ("Bachelor of Science in Nursing", "BSN", ("Registered Nurse",)),
}

JOB_TITLES: dict[str, tuple[str, ...]] = {
    "MD": ("Staff Physician", "Attending Physician", "Hospitalist", "Associate Medical Director", "Physician"),
    "DO": ("Staff Physician", "Attending Physician", "Hospitalist", "Osteopathic Physician"),
    "NP": ("Nurse Practitioner", "Family Nurse Practitioner", "Lead Nurse Practitioner"),
    "PA": ("Physician Assistant", "Physician Assistant-Certified", "Senior Physician Assistant"),
    "CRNA": ("Staff CRNA", "Certified Registered Nurse Anesthetist", "Chief CRNA"),
    "PharmD": ("Clinical Pharmacist", "Clinical Pharmacist Practitioner", "Pharmacy Manager"),
    "RN": ("Staff Nurse", "Charge Nurse", "Registered Nurse"),
}
EMPLOYER_PATTERNS = ("{city} Regional Medical Center", "{city} Community Hospital", "{name} Medical Group",
                     "{name} Health System", "St. {saint} Hospital", "{city} Family Health Center",
                     "{name} & Associates", "{city} Urgent Care", "Valley {name} Clinic",
                     "{name} Physicians Group", "Mercy Health {city}", "{city} VA Medical Center")
SAINTS = ("Luke's", "Joseph", "Mary's", "Vincent", "Francis", "Anthony", "Elizabeth", "Jude")

MALPRACTICE_CARRIERS = ("The Doctors Company", "MedPro Group", "ProAssurance Indemnity Company",
                        "Coverys Specialty Insurance Company", "MagMutual Insurance Company",
                        "NORCAL Insurance Company", "ISMIE Mutual Insurance Company",
                        "Medical Protective Company", "MLMIC Insurance Company",
                        "Physicians Insurance A Mutual Company")
OTHER_CARRIERS = ("Hartford Fire Insurance Company", "Travelers Property Casualty Co",
                  "Zurich American Insurance Co", "Liberty Mutual Fire Insurance", "Cincinnati Insurance Company",
                  "Erie Insurance Exchange")
AGENCIES = ("Marsh & McLennan Agency LLC", "Gallagher Healthcare", "Lockton Companies",
            "Brown & Brown of {state}", "Hub International {region}", "Risk Strategies Company")

CME_TITLES = ("Advances in Hypertension Management", "ACLS Provider Course", "Opioid Prescribing: Safe Practice",
              "Sepsis Recognition and Early Management", "Updates in Diabetes Care",
              "Implicit Bias in Clinical Practice", "Annual Cardiology Review", "Pediatric Emergencies Update",
              "Point-of-Care Ultrasound Essentials", "Antimicrobial Stewardship", "Medical Ethics and Professionalism",
              "PALS Instructor Update", "Management of Chronic Pain", "Primary Care Dermatology")
CME_PROVIDERS = ("American College of Physicians", "American Academy of Family Physicians",
                 "Medscape Education", "Mayo Clinic School of Continuous Professional Development",
                 "Cleveland Clinic Center for Continuing Education", "American Heart Association",
                 "Stanford Medicine CME", "University of Michigan Medical School Office of CME")

TRAINING_CENTERS = ("Heartland CPR Training Center", "Mercy Regional Training Center", "LifeSaver Education LLC",
                    "University Hospital Resuscitation Program", "CPR Plus Training Center",
                    "Metro EMS Education Institute")
