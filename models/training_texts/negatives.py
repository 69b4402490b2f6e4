"""Paper that arrives in credentialing packets but is no credential (``other``): blank
patient and tax forms, privacy notices, cover letters.

Serves word-processor patient forms (intake, medical history, dental insurance), IRS-style
tax forms with instruction pages, notices of privacy practices and candidates' cover
letters, which mention licences and certifications without being one.
"""

from __future__ import annotations

import random

from credintake.models.training_texts.vocab import fmt, day, person, phone, place

PATIENT_LABELS = ("Patient Name:", "Date of Birth:", "D.O.B", "Social Security #:", "Address:", "City:", "State:", "Zip:",
                  "Home Phone:", "Cell Phone:", "Email:", "Sex: M F", "Marital Status: Single Married Divorced Widowed",
                  "Employer:", "Occupation:", "Emergency Contact:", "Relationship to Patient:", "Referred by:",
                  "Primary Insurance Company:", "Subscriber Name:", "Subscriber Date of Birth:", "Member ID #:",
                  "Group Number:", "Policy Holder:", "Secondary Insurance:", "Insurance Phone:", "Dental Insurance Information",
                  "Medical History", "Are you currently taking any medications? Yes No", "Allergies:", "Please list:",
                  "Have you ever had: Heart disease Diabetes High blood pressure Asthma Cancer Hepatitis",
                  "Are you pregnant? Yes No", "Reason for today's visit:", "Primary Care Physician:", "Pharmacy:",
                  "I authorize the release of any information necessary to process insurance claims.",
                  "I understand that I am financially responsible for all charges.", "Patient Signature:", "Date:",
                  "Signature of Parent or Guardian:", "Office Use Only", "Responsible Party Information",
                  "Patient Information", "Family History", "Surgeries / Hospitalizations:", "Tobacco use: Yes No")
TAX_LABELS = ("Request for Taxpayer Identification Number and Certification", "Give form to the requester. Do not send to the IRS.",
              "Name (as shown on your income tax return)", "Business name/disregarded entity name, if different from above",
              "Check appropriate box for federal tax classification:", "Individual/sole proprietor or single-member LLC",
              "C Corporation S Corporation Partnership Trust/estate", "Exempt payee code (if any)",
              "Address (number, street, and apt. or suite no.)", "City, state, and ZIP code", "List account number(s) here (optional)",
              "Part I Taxpayer Identification Number (TIN)", "Social security number", "Employer identification number",
              "Part II Certification", "Under penalties of perjury, I certify that:", "Sign Here Signature of U.S. person",
              "General Instructions", "Section references are to the Internal Revenue Code unless otherwise noted.",
              "Purpose of Form", "Backup withholding", "Penalties", "Specific Instructions", "Line 1", "Privacy Act Notice",
              "What is FATCA reporting?", "Updating Your Information", "Form W-9",
              "Employee's Withholding Certificate", "Step 1: Enter Personal Information", "Filing status", "Dependents")
PRIVACY = ("NOTICE OF PRIVACY PRACTICES", "THIS NOTICE DESCRIBES HOW MEDICAL INFORMATION ABOUT YOU MAY BE USED AND DISCLOSED "
           "AND HOW YOU CAN GET ACCESS TO THIS INFORMATION. PLEASE REVIEW IT CAREFULLY.",
           "We are required by law to maintain the privacy of your protected health information.",
           "Uses and Disclosures for Treatment, Payment and Health Care Operations",
           "You have the right to request restrictions on certain uses and disclosures.",
           "You have the right to receive a paper copy of this notice.", "Complaints", "Business Associates",
           "You may file a complaint with the Secretary of Health and Human Services.",
           "Acknowledgement of Receipt of Notice of Privacy Practices",
           "I have received a copy of this office's Notice of Privacy Practices.", "Patient Name:", "Signature:", "Date:",
           "Appointment reminders", "Effective Date of this Notice", "Minimum necessary", "Right to an accounting of disclosures")


def blank_form(rng: random.Random) -> list[str]:
    """A blank patient, insurance-information or tax form of one to three pages."""
    pool = PATIENT_LABELS if rng.random() < 0.65 else TAX_LABELS
    head = f"{place(rng).split(',')[0]} {rng.choice(('Family Dentistry', 'Medical Clinic', 'Orthodontics', 'Pediatrics', 'Physical Therapy'))}"
    pages = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        lines = rng.sample(pool, rng.randrange(10, min(len(pool), 30)))
        lines = [line + rng.choice(("", " ____________", " ________", " (   )")) for line in lines]
        pages.append("\n".join(([head] if pool is PATIENT_LABELS and not pages else []) + lines))
    return pages


def privacy_notice(rng: random.Random) -> list[str]:
    """A notice of privacy practices or its signed acknowledgement."""
    lines = [f"{place(rng).split(',')[0]} {rng.choice(('Orthodontics', 'Medical Group', 'Health System', 'Dental Care'))}"]
    lines += rng.sample(PRIVACY, rng.randrange(6, len(PRIVACY)))
    return ["\n".join(lines)]


COVER_PHRASES = ("I am writing to express my interest in the {role} position at your facility.",
                 "Please accept my resume for the {role} opening advertised on your website.",
                 "I hold current BLS certification and a {cred} credential.",
                 "During my clinical rotations I developed strong assessment and communication skills.",
                 "I would welcome the opportunity to discuss how my experience can benefit your team.",
                 "Thank you for your time and consideration.", "I look forward to hearing from you.",
                 "My resume is enclosed for your review.", "I am confident that my skills make me a strong candidate.")


def cover_letter(rng: random.Random) -> list[str]:
    """A job applicant's cover letter."""
    name = person(rng)
    role = rng.choice(("Registered Nurse", "Medical Assistant", "Staff Nurse", "Nurse Practitioner", "Physician", "CNA"))
    cred = rng.choice(("CPT", "CMA", "RN", "CNA", "ACLS"))
    lines = [name, place(rng), phone(rng)] if rng.random() < 0.6 else []
    lines += [fmt(day(rng, 2010, 2026), rng)] if rng.random() < 0.5 else []
    lines += [rng.choice(("Dear Hiring Manager,", "Dear Recruiter:", "To Whom It May Concern,", f"Dear {person(rng)},"))]
    lines += [p.format(role=role, cred=cred) for p in rng.sample(COVER_PHRASES, rng.randrange(4, len(COVER_PHRASES)))]
    lines += [rng.choice(("Sincerely,", "Respectfully,", "Best regards,")), name]
    return ["\n".join(lines)]
