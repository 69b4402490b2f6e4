"""Generators of contract Documents and Applications for the rules tests.

Every generator takes a ``random.Random`` so tests can run many varied packets from
seeds; ``clean_packet`` builds a packet that is complete, current and consistent (its
application and documents agree, written the different ways real paper writes them), so
it must produce zero findings - tests then break exactly one thing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

from credintake.contract import (Application, Attestation, BoardCertification, Dea, Document,
                                 Education, FieldValue, License, LifeSupport, Malpractice,
                                 Provider, WorkHistory)
from credintake.rules.identifiers import dea_check_digit, npi_check_digit

AS_OF = dt.date(2026, 11, 22)

NICKNAMES = [("Robert", "Bob"), ("William", "Bill"), ("Elizabeth", "Liz"),
             ("Margaret", "Peggy"), ("Katherine", "Kate"), ("Richard", "Dick"),
             ("James", "Jim"), ("Jennifer", "Jenny"), ("Michael", "Mike")]
EMPLOYERS = [("St. Mary Med. Ctr", "Saint Mary Medical Center"),
             ("Univ. of Michigan Hosp.", "University of Michigan Hospital"),
             ("Mercy Regional Hosp.", "Mercy Regional Hospital"),
             ("Riverside Fam. Med. Clinic", "Riverside Family Medicine Clinic")]
SCHOOLS = [("Univ. of Iowa Carver College of Med.", "University of Iowa Carver College of Medicine"),
           ("Ohio State Univ. College of Med.", "Ohio State University College of Medicine")]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def fv(value: Any, *, file: str = "scan.pdf", page: int = 1, confidence: float = 0.95,
       raw: str | None = None) -> FieldValue:
    return FieldValue(value=value, confidence=confidence, file=file, page=page,
                      bbox=(72.0, 100.0, 300.0, 114.0), raw=raw if raw is not None else str(value))


def doc(doc_type: str, file: str, *, page: int = 1, confidence: float = 0.95,
        entries: dict[str, list[dict[str, Any]]] | None = None, **fields: Any) -> Document:
    """A document whose fields are all read from ``file`` page ``page``."""
    return Document(
        file=file, sha256=sha(file + doc_type), pages=[page], doc_type=doc_type,  # type: ignore[arg-type]
        doc_type_confidence=0.9, ocr=file.endswith((".png", ".tif")),
        fields={k: fv(v, file=file, page=page, confidence=confidence)
                for k, v in fields.items() if v is not None},
        entries=None if entries is None else {
            name: [{k: fv(v, file=file, page=page, confidence=confidence) for k, v in line.items()}
                   for line in lines]
            for name, lines in entries.items()})


def valid_npi(rng: random.Random) -> str:
    first = str(rng.choice("12")) + "".join(str(rng.randrange(10)) for _ in range(8))
    return first + str(npi_check_digit(first))


def valid_dea(rng: random.Random, last_name: str, first_letter: str = "B") -> str:
    six = "".join(str(rng.randrange(10)) for _ in range(6))
    return f"{first_letter}{last_name[0].upper()}{six}{dea_check_digit(six)}"


def us_date(iso: str) -> str:
    """03/31/2027 from 2027-03-31: documents print dates the US way."""
    y, m, d = iso.split("-")
    return f"{m}/{d}/{y}"


def iso(day: dt.date) -> str:
    return day.isoformat()


def month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@dataclass
class Person:
    first: str
    middle: str
    last: str
    nickname: str
    maiden: str

    def printed(self, rng: random.Random, credential: str = "MD") -> str:
        """How a document prints the name: caps with credential, initials, last-first..."""
        style = rng.randrange(5)
        if style == 0:
            return f"{self.first} {self.middle[0]} {self.last}, {credential}".upper()
        if style == 1:
            return f"{self.last}, {self.first} {self.middle}".upper()
        if style == 2:
            return f"{self.first} {self.middle} {self.last}"
        if style == 3:
            return f"{self.first} {self.middle[0]}. {self.last}, {credential}"
        return f"{self.nickname} {self.last}"


def person(rng: random.Random) -> Person:
    fake = Faker()
    fake.seed_instance(rng.randrange(1 << 30))
    formal, nick = rng.choice(NICKNAMES)
    last = fake.last_name()
    maiden = fake.last_name()
    while maiden[0] == last[0]:
        maiden = fake.last_name()
    middle = fake.first_name()
    return Person(first=formal, middle=middle, last=last, nickname=nick, maiden=maiden)


@dataclass
class Packet:
    documents: list[Document]
    application: Application
    person: Person
    extra: dict[str, Any] = field(default_factory=dict)


def clean_packet(rng: random.Random, *, as_of: dt.date = AS_OF, profession: str = "MD",
                 dea: bool = True) -> Packet:
    """A complete, current, consistent packet (zero findings expected)."""
    who = person(rng)
    npi = valid_npi(rng)
    lic_no = f"{rng.choice('ACG')}{rng.randrange(10000, 99999)}"
    state = rng.choice(["CA", "NY", "TX", "OH"])
    lic_exp = as_of + dt.timedelta(days=rng.randrange(200, 700))
    dea_no = valid_dea(rng, who.last)
    dea_exp = as_of + dt.timedelta(days=rng.randrange(200, 900))
    mal_exp = as_of + dt.timedelta(days=rng.randrange(120, 360))
    bls_exp = as_of + dt.timedelta(days=rng.randrange(120, 700))
    res_start = dt.date(as_of.year - 9, 7, 1)
    res_end = dt.date(as_of.year - 6, 6, 30)
    job1_start = dt.date(as_of.year - 6, 8, 1)     # 1-month break: fine
    job1_end = dt.date(as_of.year - 3, 3, 31)
    job2_start = dt.date(as_of.year - 3, 7, 1)     # 3-month break: fine
    employer1, employer2 = rng.sample(EMPLOYERS, 2)
    school_short, school_long = rng.choice(SCHOOLS)
    grad = dt.date(as_of.year - 9, 5, 20)
    policy = f"PL{rng.randrange(100000, 999999)}"
    cred = profession

    documents = [
        doc("state_license", "scan_0001.pdf", holder_name=who.printed(rng, cred),
            profession="Physician and Surgeon", license_number=lic_no, issuing_state=state,
            issue_date=iso(res_end), expiration_date=iso(lic_exp), status="Active"),
        doc("diploma", "diploma.png", holder_name=f"{who.first} {who.middle} {who.last}",
            institution=school_long, degree="Doctor of Medicine", completion_date=iso(grad)),
        doc("training_certificate", "residency.pdf", holder_name=who.printed(rng, cred),
            institution=school_long, program="Internal Medicine", training_type="residency",
            start_date=iso(res_start), end_date=iso(res_end)),
        doc("malpractice_insurance", "coi.pdf", insured_name=f"{who.first} {who.last}",
            carrier="The Doctors Company", policy_number=policy, per_claim_limit=1_000_000,
            aggregate_limit=3_000_000, effective_date=iso(mal_exp - dt.timedelta(days=365)),
            expiration_date=iso(mal_exp)),
        doc("life_support_card", "bls.jpg", holder_name=who.printed(rng, cred), course="BLS",
            issue_date=month(bls_exp - dt.timedelta(days=730)), expiration_date=month(bls_exp)),
        doc("board_certification", "abim.pdf", holder_name=who.printed(rng, cred),
            board="American Board of Internal Medicine", specialty="Internal Medicine",
            issue_date=iso(res_end + dt.timedelta(days=60)),
            expiration_date=iso(as_of + dt.timedelta(days=1500))),
        doc("cv", "cv.docx", name=f"{who.first} {who.middle[0]}. {who.last}, {cred}",
            email=f"{who.first.lower()}@example.org", phone="(555) 010-2030", npi=npi,
            entries={
                "education": [
                    {"institution": school_short, "degree": "MD", "start_date": str(grad.year - 4),
                     "end_date": month(grad)},
                    {"institution": school_short, "degree": "Internal Medicine Residency",
                     "start_date": month(res_start), "end_date": month(res_end)},
                ],
                "work_history": [
                    {"employer": employer1[0], "title": "Hospitalist", "state": state,
                     "start_date": month(job1_start), "end_date": month(job1_end),
                     "current": False},
                    {"employer": employer2[0], "title": "Attending Physician", "state": state,
                     "start_date": month(job2_start), "end_date": None, "current": True},
                ]}),
    ]
    application = Application(
        application_id=f"APP-{rng.randrange(10**6)}",
        provider=Provider(first_name=who.first, middle_name=who.middle, last_name=who.last,
                          other_names=[f"{who.first} {who.maiden}"], profession=profession,
                          specialty="Internal Medicine", npi=npi,
                          email=f"{who.first.lower()}@example.org", phone="555-010-2030",
                          practice_state=state),
        licenses=[License(profession="MD", license_number=lic_no, issuing_state=state,
                          expiration_date=iso(lic_exp))],
        dea=[Dea(dea_number=dea_no, state=state, expiration_date=iso(dea_exp))] if dea else None,
        board_certifications=[BoardCertification(board="ABIM", specialty="Internal Medicine")],
        education=[Education(kind="degree", institution=school_long, degree="MD",
                             end_date=iso(grad)),
                   Education(kind="residency", institution=school_long,
                             degree="Internal Medicine", start_date=iso(res_start),
                             end_date=iso(res_end))],
        work_history=[WorkHistory(employer=employer1[1], title="Hospitalist", state=state,
                                  start_date=iso(job1_start), end_date=iso(job1_end)),
                      WorkHistory(employer=employer2[1], title="Attending Physician",
                                  state=state, start_date=iso(job2_start), current=True)],
        malpractice_insurance=[Malpractice(carrier="TDC", policy_number=policy,
                                           per_claim_limit=1_000_000, aggregate_limit=3_000_000,
                                           expiration_date=iso(mal_exp))],
        life_support=[LifeSupport(course="Basic Life Support",
                                  expiration_date=month(bls_exp))],
        attestation=Attestation(signed_date=iso(as_of - dt.timedelta(days=rng.randrange(0, 150))),
                                signer_name=f"{who.first} {who.last}"),
    )
    if dea:
        documents.append(doc("dea_registration", "dea.pdf",
                             registrant_name=f"{who.last}, {who.first} {who.middle[0]}".upper(),
                             dea_number=dea_no, schedules="2,2N,3,3N,4,5", state=state,
                             issue_date=iso(dea_exp - dt.timedelta(days=1095)),
                             expiration_date=us_date(iso(dea_exp))))
    rng.shuffle(documents)
    return Packet(documents=documents, application=application, person=who,
                  extra={"license_number": lic_no, "dea_number": dea_no, "npi": npi,
                         "policy": policy, "state": state})


def run(documents: list[Document], application: Application | None = None, *,
        problems: list[Any] | None = None, as_of: dt.date = AS_OF, **overrides: Any):
    """evaluate() with default settings, a few overridden."""
    from credintake.rules import evaluate
    from credintake.settings import RuleSettings

    return evaluate(documents, application or Application(), problems or [], as_of=as_of,
                    settings=RuleSettings(**overrides))


def rules_fired(evaluation: Any) -> list[str]:
    return sorted(f.rule for f in evaluation.findings)


def only(evaluation: Any, rule: str) -> list[Any]:
    return [f for f in evaluation.findings if f.rule == rule]
