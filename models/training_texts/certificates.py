"""Certificates as issuers word them: life-support e-certificates and cards, CE/CPD
certificates and digital badges, nursing-school diplomas worldwide, internship
certificates; and their look-alikes that are ``other`` (compliance and research-ethics
training certificates, employment/experience certificates).

Serves e-certificates saved as images (Red Cross / AHA / CPR foundations), certificates
of participation or attendance, scanned diplomas of nursing examination boards and
colleges, and clinical placement certificates. The same certificate frames carry both
credential and compliance topics so that the topic, not the frame, decides the type.
"""

from __future__ import annotations

import random

from credintake.models.training_texts.vocab import day, fmt, ocr, person, place, signature_block

LIFE_SUPPORT_COURSES = ("Basic Life Support (HCP)", "BLS Provider", "Basic Life Support for Healthcare Providers",
                        "Standard First Aid & CPR/AED Level C", "Emergency First Aid & CPR/AED Level C",
                        "Heartsaver CPR AED", "Heartsaver First Aid CPR AED", "Advanced Cardiovascular Life Support",
                        "ACLS Provider", "PALS Provider", "Pediatric Advanced Life Support", "Neonatal Resuscitation Program",
                        "CPR Level HCP", "Adult and Pediatric First Aid/CPR/AED", "CPR/AED for Professional Rescuers",
                        "BLS for Healthcare Providers (CPR and AED)", "First Aid, CPR and AED", "Marine Basic First Aid",
                        # trauma and specialty resuscitation courses that medical staff offices also file
                        "Advanced Trauma Life Support", "ATLS® Course for Doctors", "Trauma Nursing Core Course (TNCC)",
                        "Prehospital Trauma Life Support (PHTLS)", "Emergency Nursing Pediatric Course",
                        "Advanced Life Support in Obstetrics (ALSO)", "CPR & AED (Adult, Child and Infant)")
LIFE_SUPPORT_ORGS = ("American Red Cross", "Canadian Red Cross", "American Heart Association",
                     "Heart and Stroke Foundation", "St. John Ambulance", "National CPR Foundation",
                     "Health & Safety Institute", "American Safety & Health Institute", "Lifesaving Society",
                     "Emergency Care & Safety Institute", "National Safety Council", "CPR Certification Institute",
                     "American College of Surgeons Committee on Trauma", "Emergency Nurses Association",
                     "National Association of Emergency Medical Technicians", "American AED/CPR Association")
CLINICAL_AREAS = ("Sepsis", "Wound Care", "Dementia Care", "Delirium", "Falls Prevention", "Pain Management",
                  "Pressure Injury Prevention", "Stroke Care", "Heart Failure", "Diabetes Management",
                  "Infection Prevention", "Medication Safety", "Palliative Care", "Perinatal Mental Health",
                  "Neonatal Care", "Pediatric Asthma", "Mechanical Ventilation", "Oncology Nursing",
                  "Acute Deterioration", "Early Warning Scores", "Geriatric Pharmacology", "Suicide Risk Assessment",
                  "Trauma-Informed Care", "Antibiotic Stewardship", "Chronic Kidney Disease", "Hypertension",
                  "Opioid Prescribing", "Responsive Behaviours in Dementia", "Nutrition in Older Adults",
                  "Cardiac Rhythm Interpretation", "Breastfeeding Support", "Mental Health First Response")
CLINICAL_ASPECTS = ("", "Essentials", "Update", "Recognition and Response", "Best Practices", "in Long-Term Care",
                    "for Nurses", "for Primary Care", "Team Training", "Across the Continuum", "Assessment and Management",
                    "Advanced Practice", "Interprofessional Approaches", "Level 1")
COMPLIANCE_SUBJECTS = ("Health Insurance Portability and Accountability Act (HIPAA)", "HIPAA Privacy and Security",
                       "Responsible Conduct of Research", "Human Subjects Research - Biomedical", "Good Clinical Practice",
                       "Social-Behavioral-Educational Researchers", "Bloodborne Pathogens (OSHA)", "Workplace Harassment Prevention",
                       "Fraud, Waste and Abuse", "Corporate Compliance and Ethics", "Cybersecurity Awareness",
                       "Conflicts of Interest", "Fire Safety and Emergency Preparedness", "Information Privacy and Security",
                       "Export Control Awareness", "Title IX", "Code of Conduct", "Records Management", "Anti-Money Laundering",
                       "Protection of Personal Health Information", "Institutional Review Board Members", "Biosafety")
COMPLIANCE_ASPECTS = ("", "Training", "Annual Training", "Refresher", "Basic Course", "for Workforce Members", "Certification",
                      "Awareness Course", "Compliance Training")


def ce_topic(rng: random.Random) -> str:
    return f"{rng.choice(CLINICAL_AREAS)} {rng.choice(CLINICAL_ASPECTS)}".strip()


def compliance_topic(rng: random.Random) -> str:
    return f"{rng.choice(COMPLIANCE_SUBJECTS)} {rng.choice(COMPLIANCE_ASPECTS)}".strip()


CE_ORGS = ("Regional Nursing Education Network", "Continuing Nursing Education Provider Unit",
           "Faculty of Medicine Continuing Professional Development", "Nursing CE Online", "Alzheimer Society",
           "Regional Geriatric Program", "American Nurses Credentialing Center accredited provider",
           "Society of Hospital Medicine", "Academy of Medical-Surgical Nurses", "Provincial Long-Term Care Network",
           "Continuing Education Institute", "School of Nursing Continuing Education")
CREDITS = ("{n} contact hours", "{n} Continuing Education (CE) hours", "{n} AMA PRA Category 1 Credits™",
           "{n} Mainpro+ certified credits", "{n} CPD hours", "{n} CEUs", "{n} nursing contact hours (ANCC)",
           "This activity was approved for {n} hours of continuing education", "Credit hours: {n}",
           "{n} Section 1 credits (Royal College MOC)")


def life_support(rng: random.Random) -> list[str]:
    """An e-certificate or wallet card for a resuscitation or first-aid course."""
    name, course, org = person(rng), rng.choice(LIFE_SUPPORT_COURSES), rng.choice(LIFE_SUPPORT_ORGS)
    issued = day(rng, 2015, 2026)
    expiry = issued.replace(year=issued.year + rng.choice((1, 2, 2, 3)))
    number = f"{rng.randrange(10**8, 10**10)}" if rng.random() < 0.6 else f"{rng.randrange(10**5):05d}{chr(65 + rng.randrange(26))}"
    frame = rng.randrange(5)
    if frame == 4:  # course certificates of surgical and nursing colleges: recognition prose, chair signatures
        lines = [course.split(" (")[0].upper(), org.upper(), name,
                 f"is recognized as having successfully completed the {course} according to the standards "
                 f"established by the {org}.", f"{person(rng)}, {rng.choice(('International Chairperson', 'Chair', 'Course Director'))}",
                 f"Issue Date: {fmt(issued, rng)}", f"Expiration Date: {fmt(expiry, rng)}"]
    elif frame == 0:
        lines = [name, rng.choice(("Is certified in", "is certified in", "Has successfully completed", "has met the requirements of")),
                 course, f"Certificate {rng.choice(('number', 'No.', 'ID', '#'))}: {number}",
                 f"{rng.choice(('Expiry Date', 'Expiration', 'Valid until', 'Renew by'))}: {fmt(expiry, rng)}",
                 f"{rng.choice(('Issue Date', 'Date Issued', 'Completion Date'))}: {fmt(issued, rng)}",
                 f"Issued in: {place(rng).split(', ')[-1]}",
                 rng.choice((f"To verify this certificate visit the {org} website and enter the certificate number.",
                             "Scan the QR code to validate this certificate.", "Validate online with the certificate ID."))]
    elif frame == 1:
        lines = [org, course, rng.choice(("eCard", "Provider", "Course Completion Card")), name,
                 f"has successfully completed the cognitive and skills evaluations in accordance with the curriculum of the {org} {course} Program.",
                 f"Issue Date {fmt(issued, rng)}", f"Recommended Renewal Date {fmt(expiry, rng)}",
                 f"Training Center Name {rng.choice(('Heartland CPR', 'Metro EMS Education', 'LifeLine Training'))}",
                 f"Instructor Name {person(rng)}", f"eCard Code {number}"]
    elif frame == 2:
        lines = ["CERTIFICATE OF COMPLETION", rng.choice(("This certifies that", "Presented to", "Awarded to")), name,
                 f"has completed the requirements for {course}", f"{rng.choice(('Date', 'Completed'))}: {fmt(issued, rng)}",
                 f"Valid for {rng.choice(('2 years', 'two years', '1 year'))}. Expires {fmt(expiry, rng)}",
                 org, "Card Holder Signature", "Skills test completed"]
    else:
        lines = [org.upper(), course.upper(), f"Name: {name}", f"Cert #: {number}",
                 f"Issued: {fmt(issued, rng)}  Expires: {fmt(expiry, rng)}", f"Instructor: {person(rng)}",
                 "CPR • AED • First Aid", "Adult / Child / Infant"]
    return [_maybe_ocr("\n".join(lines), rng)]


def _completion(rng: random.Random, topic: str, org: str, credits: bool) -> str:
    """A certificate of completion for ``topic``; a fifth are bare digital badges, which
    print only the course, the issue date and the issuer."""
    name, when = person(rng), day(rng, 2012, 2026)
    kind = rng.choice(("", "", " e-Learning Course", " Online Course", " Workshop", " Webinar", " Module"))
    if rng.random() < 0.2:
        return "\n".join([topic + kind, f"Issued on {fmt(when, rng)} by", org] + ([name] if rng.random() < 0.5 else []))
    head = rng.choice(("CERTIFICATE OF PARTICIPATION", "Certificate of Completion", "CERTIFICATE OF ATTENDANCE",
                       "Certificate of Achievement", "OF COMPLETION", "Completion Report", "Digital Badge",
                       "Certificate of Successful Completion", "CERTIFICATE"))
    lines = [head, rng.choice(("This is to certify that", "This certifies that", "Presented to", "Awarded to", "Earned by", "")),
             name, rng.choice(("has successfully completed", "attended the", "participated in", "has completed the course",
                               "has successfully completed requirements for", "for the successful completion of",
                               "has earned the badge")),
             topic + kind,
             f"{rng.choice(('Date', 'Date of Completion', 'Completed on', 'Issued on', 'Held on'))}: {fmt(when, rng)}", org]
    if credits:
        lines.append(rng.choice(CREDITS).format(n=rng.choice(("1.0", "1.5", "2", "3.25", "6", "0.75", "12"))))
    if head == "Digital Badge" or rng.random() < 0.2:
        lines += ["Skills", ", ".join(rng.sample(("Assessment", "Communication", "Safety", "Teamwork", "Documentation"), 3)),
                  "Verify this badge", f"Issued by {org}"]
    if rng.random() < 0.3:
        lines += [f"Record ID: {rng.randrange(10**7, 10**8)}", f"Expiration Date: {fmt(when.replace(year=when.year + 3), rng)}"]
    lines += signature_block(rng)
    return _maybe_ocr("\n".join(lines), rng)


def ce_certificate(rng: random.Random) -> list[str]:
    """A continuing-education certificate, CPD certificate or badge for a clinical course."""
    return [_completion(rng, ce_topic(rng), rng.choice(CE_ORGS), rng.random() < 0.65)]


def compliance_certificate(rng: random.Random) -> list[str]:
    """A HIPAA, research-ethics or workplace compliance training certificate (``other``)."""
    org = rng.choice(("Online Compliance Academy", "Collaborative Institutional Training Initiative", "Compliance Training Partners",
                      "University Office of Research Integrity", "Healthcare Compliance Academy", "Human Resources"))
    return [_completion(rng, compliance_topic(rng), org, rng.random() < 0.15)]


NURSING_DIPLOMAS = ("Diploma in General Nursing", "Diploma in Midwifery", "Post Basic Diploma in Paediatric Nursing",
                    "Diploma in Practical Nursing", "Practical Nursing", "Diploma of Nursing", "Certificate in Midwifery",
                    "General Nursing and Midwifery", "Bachelor of Science in Nursing", "Associate Degree in Nursing",
                    "Diploma in Psychiatric Nursing", "Registered Nurse Diploma Programme", "Diploma in Community Health Nursing")
EXAM_BODIES = ("Nursing Examination Board", "Nursing and Midwifery Council", "Board of Nursing Education",
               "Nursing Council", "College of Nursing", "School of Nursing", "Institute of Nursing Sciences",
               "Board of Governors", "Faculty of Health Sciences")


def diploma(rng: random.Random) -> list[str]:
    """A nursing or health-sciences diploma, as printed or as a poor scan reads it."""
    name, program = person(rng, upper=rng.random() < 0.5), rng.choice(NURSING_DIPLOMAS)
    body = f"{rng.choice(EXAM_BODIES)} ({place(rng).split(', ')[-1]})" if rng.random() < 0.5 else \
        f"{place(rng).split(',')[0]} {rng.choice(EXAM_BODIES)}"
    hospital = f"{rng.choice(('District Hospital', 'General Hospital', 'Teaching Hospital', 'College of Nursing', 'Services Hospital'))} {place(rng).split(',')[0]}"
    when = day(rng, 1990, 2026)
    frame = rng.randrange(3)
    if frame == 0:
        lines = [f"SERIAL No {rng.randrange(10**5, 10**6)}", program.upper(), f"This is to Certify that {name}",
                 f"{rng.choice(('Daughter/wife/son of', 'D/o', 'S/o'))} {person(rng)}", hospital,
                 rng.choice(("has been trained in the", "has completed the prescribed course of training in")),
                 f"and passed the FINAL {rng.choice(('NURSING', 'MIDWIFERY', 'EXAMINATION'))} EXAMINATION of the {body}",
                 f"held in {rng.choice(('Annual', 'Supplementary'))} Session {when.strftime('%b').upper()}. {when.year}",
                 f"and obtained {rng.choice(('1ST', '2ND', 'First', 'Second'))} Division",
                 "Controller of Examinations", "Secretary", body.upper()]
    elif frame == 1:
        lines = [body, rng.choice(("on the recommendation of the Academic Council", "by the authority vested in it")),
                 rng.choice(("has conferred upon", "hereby confers upon", "has awarded")), name,
                 rng.choice(("the Diploma", "the degree of", "the diploma in")), program,
                 "with all the rights and privileges pertaining thereto", f"Given at {place(rng)}",
                 f"this {fmt(when, rng)}"] + signature_block(rng)
    else:
        lines = [f"{place(rng).split(',')[0]} {rng.choice(('College', 'University', 'Polytechnic', 'Institute'))}",
                 "This is to certify that", name, "has successfully completed the program of study in", program,
                 f"and is awarded this Diploma on {fmt(when, rng)}", "President", "Dean"]
    return [_maybe_ocr("\n".join(lines), rng, heavy=frame == 0)]


CERTIFYING_BODIES = (("National Healthcareer Association", "NHA", ("Certified Billing and Coding Specialist", "Certified Clinical Medical Assistant",
                                                                      "Certified Phlebotomy Technician", "Certified Patient Care Technician")),
                     ("American Association of Medical Assistants", "AAMA", ("Certified Medical Assistant",)),
                     ("National Board for Respiratory Care", "NBRC", ("Registered Respiratory Therapist", "Certified Respiratory Therapist")),
                     ("American Registry of Radiologic Technologists", "ARRT", ("Radiography", "Computed Tomography")),
                     ("Pharmacy Technician Certification Board", "PTCB", ("Certified Pharmacy Technician",)),
                     ("American Nurses Credentialing Center", "ANCC", ("Medical-Surgical Nursing", "Psychiatric-Mental Health Nursing")),
                     ("Board of Certification for Emergency Nursing", "BCEN", ("Certified Emergency Nurse",)),
                     ("American Medical Technologists", "AMT", ("Registered Medical Assistant", "Medical Laboratory Technician")),
                     ("Oncology Nursing Certification Corporation", "ONCC", ("Oncology Certified Nurse",)),
                     ("Commission on Dietetic Registration", "CDR", ("Registered Dietitian Nutritionist",)),
                     ("National Registry of Emergency Medical Technicians", "NREMT",
                      ("Emergency Medical Technician", "Paramedic", "Advanced Emergency Medical Technician")),
                     ("National Commission on Certification of Physician Assistants", "NCCPA", ("Physician Assistant-Certified",)))


def certification(rng: random.Random) -> list[str]:
    """A certificate from a national certifying body for allied health or nursing
    (``board_certification``): a credential held, with a number and an expiry."""
    body, short, titles = rng.choice(CERTIFYING_BODIES)
    name, title = person(rng), rng.choice(titles)
    eff = day(rng, 2005, 2026)
    number = rng.choice((f"{rng.randrange(10**5, 10**8)}", f"{chr(65 + rng.randrange(26))}{rng.randrange(10**6, 10**7)}"))
    lines = [rng.choice((body, body.upper(), short)), rng.choice(("", "Hereby Certifies")), name,
             rng.choice((f"has met the certification standards of the {short} and is certified as a {title}",
                         f"as a\n{title}\nduly registered together with all the rights and privileges appertaining thereto",
                         f"has successfully completed the requirements for certification as a {title}",
                         f"having met all requirements is hereby certified as a {title}",
                         f"is certified in {title}", f"has earned the credential {title} ({short})")),
             f"{rng.choice(('Effective Date', 'Certified since', 'Original certification', 'Issued'))} {fmt(eff, rng)}",
             f"{rng.choice(('Expiration Date', 'Valid through', 'Expires', 'Recertification due'))} {fmt(eff.replace(year=eff.year + rng.choice((2, 3, 5))), rng)}",
             f"{rng.choice(('Certification Number ', 'Certificate No. ', 'Credential ID: ', 'Registry number '))}{number}",
             rng.choice(("Recertification requires continuing education.",
                         "Verify this credential online.", "This certification is subject to renewal requirements.", ""))]
    return [_maybe_ocr("\n".join(lines + signature_block(rng)), rng)]


PLACEMENT_PROGRAMS = ("Personal Support Worker Internship", "Interprofessional Education Placement", "Internship in Dementia Care",
                      "Internship in Geriatric Care", "Student Nurse Internship in Critical Care", "Research Internship", "Nursing Student Internship Program",
                      "Clinical Placement", "Summer Student Internship", "Graduate Nurse Residency Program",
                      "Internship in Long-Term Care", "Preceptorship Program", "Pharmacy Internship",
                      "Medical Internship", "Rotating Internship", "Clinical Observership", "Nurse Extern Program")


def internship(rng: random.Random) -> list[str]:
    """A certificate of an internship, placement, residency or preceptorship completed."""
    name, program, site = person(rng), rng.choice(PLACEMENT_PROGRAMS), rng.choice(
        ("Centre for Geriatric Care", "Regional Hospital", "Long-Term Care Home", "University Health Network",
         "Teaching Hospital", "Community Health Centre", "Medical Center"))
    start = day(rng, 2000, 2026)
    end = start.replace(year=start.year + 1) if rng.random() < 0.5 else start
    hours = rng.choice(("120", "240", "300", "400", "600"))
    lines = [rng.choice(("CERTIFICATE OF COMPLETION", "Internship Certificate", "CERTIFICATE", "Certificate of Internship")),
             rng.choice(("This certificate is presented to", "This is to certify that", "Awarded to")), name,
             rng.choice((f"for successfully completing the {program}", f"has successfully completed the {program}",
                         f"has completed {hours} hours of supervised clinical practice in the {program}")),
             f"at {place(rng).split(',')[0]} {site}",
             rng.choice((f"from {fmt(start, rng)} to {fmt(end, rng)}", f"on {fmt(end, rng)}", f"{start.year}-{end.year}")),
             rng.choice(("Program Director", "Internship Coordinator", "Director of Education"))] + signature_block(rng)
    return [_maybe_ocr("\n".join(lines), rng)]


def experience_letter(rng: random.Random) -> list[str]:
    """An employment / experience certificate from an employer (``other``): it certifies
    work done, not a training completed."""
    name, title = person(rng), rng.choice(("Charge Nurse", "Staff Nurse", "Head Nurse", "Nursing Supervisor", "CNA"))
    start = day(rng, 1995, 2022)
    end = day(rng, start.year + 1, 2026)
    lines = [f"{place(rng).split(',')[0]} {rng.choice(('Hospital', 'Institute of Child Health', 'Medical Complex', 'Health Centre'))}",
             rng.choice(("EXPERIENCE CERTIFICATE", "TO WHOM IT MAY CONCERN", "EMPLOYMENT VERIFICATION", "SERVICE CERTIFICATE")),
             f"Ref No. {rng.randrange(100, 9999)} Dated {fmt(end, rng)}",
             f"This is to certify that {name} has worked as {title} in this {rng.choice(('hospital', 'institution', 'department'))}"
             f" from {fmt(start, rng)} to {fmt(end, rng)}.",
             rng.choice(("During her service her conduct and performance remained satisfactory.",
                         "She/he was punctual, hardworking and honest.", "We wish him every success in his future endeavours.")),
             rng.choice(("This certificate is issued on her request.", "This letter is issued upon request of the employee.")),
             ] + signature_block(rng)
    return [_maybe_ocr("\n".join(lines), rng)]


def _maybe_ocr(text: str, rng: random.Random, heavy: bool = False) -> str:
    return ocr(text, rng) if rng.random() < (0.7 if heavy else 0.3) else text


REGISTRY_CREDENTIALS = (("EMT", "Emergency Medical Technician"), ("Paramedic", "Paramedic"),
                        ("CNA", "Certified Nurse Aide"), ("LPN", "Licensed Practical Nurse"),
                        ("RN", "Registered Nurse"), ("RCP", "Respiratory Care Practitioner"),
                        ("CPhT", "Pharmacy Technician"), ("AEMT", "Advanced EMT"))
REGISTRY_AUTHORITIES = ("County EMS Agency", "Emergency Medical Services Authority", "Nurse Aide Registry",
                        "Department of Health Professional Licensing", "Board of Vocational Nursing",
                        "Respiratory Care Board", "Board of Pharmacy", "Office of EMS")


def registry_lookup(rng: random.Random) -> list[str]:
    """A state registry's look-up printout of a certification or registration
    (``state_license``): EMS authorities, nurse-aide and allied-health registries print
    "Cert. #" and "Type" where medical boards print "License Number" and "Profession"."""
    name, (short, long_) = person(rng, upper=rng.random() < 0.6), rng.choice(REGISTRY_CREDENTIALS)
    issued = day(rng, 2005, 2026)
    expiry = issued.replace(year=issued.year + rng.choice((2, 3, 4)))
    number = f"{rng.choice(('E', 'P', 'CNA', 'R', ''))}{rng.randrange(10**4, 10**7)}"
    kind = rng.choice(("Certification", "Registration", "Credential", "License"))
    num_label = rng.choice(("Cert. #", "Certificate Number", "Registration #", "Credential Number", "Cert No."))
    lines = [rng.choice(("Licensee Details", "Registry Details", "Certificant Details", "Search Results - Details",
                         "Verification of Certification")),
             rng.choice(("Demographic Information", "Personal Information", "")), f"Name: {name}",
             f"{kind} Information",
             f"{num_label}: {number} Status:{rng.choice(('Active', 'Current', 'Active - Clear', 'Expired'))} "
             f"Type:{rng.choice((short, long_))}",
             f"{rng.choice(('Issued', 'Issue Date', 'Original Date'))}: {fmt(issued, rng)} "
             f"{rng.choice(('Expiration', 'Expires', 'Expiration Date'))}: {fmt(expiry, rng)}",
             rng.choice(("Discipline Information", "Disciplinary Actions", "Public Record Actions")),
             rng.choice(("No Certification Actions", "None", "No disciplinary actions on file")),
             rng.choice(("Certifying Entity", "Issuing Agency", "Registry")),
             f"{rng.choice(('CE Name: ', 'Agency: ', ''))}{place(rng).split(', ')[0]} {rng.choice(REGISTRY_AUTHORITIES)}"]
    if rng.random() < 0.5:
        lines.insert(7, "Violation Disclaimer - The list of violations is available as of the date shown "
                        "for disciplinary action against a certificate holder.")
    return [_maybe_ocr("\n".join(lines), rng)]
