"""CVs as people write them (issue #12): one-column resumes from resume sites, anonymised
resumes ("Company Name", "City , State"), run-on education lines without dates, research
positions with "| 2018" years, a resident's current position, a nurse practitioner's
positions under one employer, headings in a left margin column. Pages are built from
hand-placed words (tests/extractor/handmade_pages.py), never from real documents."""

from __future__ import annotations

from credintake.extractor.cv.header import header_fields
from credintake.extractor.cv.phrases import placeholders
from credintake.extractor.cv.pipeline import read_cv
from credintake.extractor.cv.rows import build_rows
from credintake.extractor.cv.sections import split_sections
from handmade_pages import page


def _values(entries: list[dict]) -> list[dict]:
    return [{k: v.value for k, v in e.items() if k != "current"} for e in entries]


def _resume(body: list[tuple[float, float, str]]) -> tuple[dict, dict]:
    """A resume site's layout: a job title in capitals at the top, headings in body type."""
    fields, entries = read_cv([page([(40, 30, "LICENSED PRACTICAL NURSE"), *body], size=9)])
    return {k: v.value for k, v in fields.items()}, entries


def test_dates_above_title_and_placeholders() -> None:
    """'10/2016 to Current' over 'Float Nurse Company Name ï¼ City , State': the title is the
    job, the placeholders are no employer and no place."""
    fields, entries = _resume([
        (40, 60, "Summary"),
        (40, 75, "Caring nurse with ten years of experience in surgical and home care settings."),
        (40, 100, "Experience"),
        (40, 115, "10/2016 to Current"),
        (40, 127, "Float Nurse Company Name ï¼ City , State"),
        (40, 145, "Visited patients at home and documented their care plans."),
        (40, 170, "02/2014 to 10/2016"),
        (40, 182, "Staff Nurse Company Name ï¼ City , State"),
        (40, 200, "Monitored patients after surgery and reported changes to physicians."),
        (40, 230, "Skills"),
        (40, 245, "Time Management"),
    ])
    assert _values(entries["work_history"]) == [
        {"title": "Float Nurse", "start_date": "2016-10", "end_date": None},
        {"title": "Staff Nurse", "start_date": "2014-02", "end_date": "2016-10"},
    ]
    assert "name" not in fields  # neither the job title at the top nor a skill


def test_placeholder_before_the_title() -> None:
    _, entries = _resume([
        (40, 100, "Experience"),
        (40, 115, "07/2002 - Current"),
        (40, 127, "Company Name - City , State Crisis Line Team Supervisor"),
        (40, 145, "Supervised the crisis line staff and reviewed every call."),
        (40, 170, "03/1998 - 07/2002"),
        (40, 182, "Company Name - City , State Clinical Social Worker"),
    ])
    assert [(e.get("title"), e.get("employer")) for e in _values(entries["work_history"])] == [
        ("Crisis Line Team Supervisor", None), ("Clinical Social Worker", None)]


def test_placeholders_found_and_real_places_kept() -> None:
    def found(text: str) -> list[str]:
        return [text[a:b] for a, b, _ in placeholders(text)]

    assert found("Company Name - City , State Supervisor") == ["Company Name", "City , State"]
    assert found("GED Ridgeline High School City 05/1999") == ["City"]
    assert found("Math Tutor 09/2012 to 02/2013 City") == ["City"]
    assert found("Company Name – State") == ["Company Name", "State"]
    assert found("Kansas City, MO") == []
    assert found("Jersey City Medical Center") == []


def test_education_lines_without_dates() -> None:
    """'Degree : Field Institution City , State' lines, dateless, one per entry (the field of
    study is not part of the school's name); a school named on the line under its degree."""
    _, entries = _resume([
        (40, 100, "Education"),
        (40, 115, "Bachelor of Science : Nursing Lakeside College ï¼ City , State"),
        (40, 127, "MBA : Health Policy Prairie State University ï¼ City , State"),
        (40, 139, "Certifcate : Phlebotomy , 2012"),
        (40, 151, "Harbor Reed - City"),
    ])
    education = _values(entries["education"])
    assert [e.get("end_date") for e in education] == [None, None, "2012"]
    assert [e["institution"] for e in education] == [
        "Lakeside College", "Prairie State University", "Harbor Reed"]
    assert [e["degree"] for e in education][:2] == ["Bachelor of Science", "MBA"]


def test_graduation_date_over_its_degree_line() -> None:
    _, entries = _resume([
        (40, 100, "Education and Training"),
        (40, 115, "5/2019"),
        (40, 127, "Master's Degree : Nursing Westbrook University"),
        (40, 139, "06/92"),
        (40, 151, "AAS Degree : Graphic Design Art Institute of Denver"),
    ])
    assert [(e["institution"], e["end_date"]) for e in _values(entries["education"])] == [
        ("Westbrook University", "2019-05"),
        ("Graphic Design Art Institute of Denver", "1992-06")]


def test_date_range_over_three_lines() -> None:
    """'April 2015' over 'to' over 'May 2015' in a resume site's date column."""
    _, entries = _resume([
        (40, 100, "Experience"),
        (40, 115, "April 2015"),
        (40, 127, "to"),
        (40, 139, "May 2015"),
        (40, 151, "Company Name City , State Certified Nursing Assistant"),
    ])
    assert _values(entries["work_history"]) == [
        {"title": "Certified Nursing Assistant", "start_date": "2015-04", "end_date": "2015-05"}]


def test_skills_heading_is_not_education() -> None:
    sections = split_sections(build_rows([page([
        (40, 30, "Core Qualifications"), (40, 45, "Vendor relations"),
        (40, 70, "Education"), (40, 85, "Master of Public Health 2015 Lakeview University"),
    ], size=9)]))
    assert [s.kind for s in sections] == ["other", "education"]


def test_phone_is_not_a_date_range() -> None:
    rows = build_rows([page([(40, 30, "Jane Q. Public"),
                             (40, 60, "Contract Employee Albany, NY 3/2011-8/2015")])])
    assert "phone" not in header_fields(rows)


def test_research_positions_with_piped_years() -> None:
    """A resident's CV: 'Title | 2020 – 2022 Organisation, City, ST' under Research
    Experience (positions, so work history); a one-year role '| 2018' starts and ends that
    year; the residency under Current Position is training, listed under education."""
    _, entries = read_cv([page([
        (72, 40, "Alex B. Rivera, MD"),
        (72, 80, "Current Position"),
        (72, 95, "Internal Medicine Resident (PGY-2) | 2023 – Present Riverside Internal Medicine "
                 "Program, Allentown, PA"),
        (72, 125, "Research Experience"),
        (72, 140, "Clinical Data Analyst | 2019 – 2021 Hillcrest Research Foundation, "
                  "Valley Hospital, Easton, PA"),
        (72, 155, "Built the study database and reported the outcomes every month"),
        (72, 170, "Research Lead | 2017 Surgery Interest Group, Easton, PA"),
    ], size=9)])
    work = _values(entries["work_history"])
    assert [(w["title"], w["start_date"], w["end_date"]) for w in work] == [
        ("Clinical Data Analyst", "2019", "2021"), ("Research Lead", "2017", "2017")]
    assert work[0]["employer"] in ("Hillcrest Research Foundation", "Valley Hospital")
    [residency] = _values(entries["education"])
    assert (residency["degree"], residency["start_date"], residency["end_date"]) == (
        "Internal Medicine Resident", "2023", None)
    assert residency["institution"] == "Riverside Internal Medicine Program"


def test_positions_under_one_dated_employer() -> None:
    """A nurse practitioner's CV: 'Employer (dates)' over 'Title - Department (dates)'
    rows: each position is a job at that employer; the employer line is none."""
    _, entries = read_cv([page([
        (72, 40, "Dana K. Lee, MSN, CRNP"),
        (72, 80, "Experience"),
        (72, 95, "Ridgeview Medical Center (August 2016 – September 2018)"),
        (72, 107, "Nurse Practitioner - Emergency Department (December 2016 - September 2018)"),
        (72, 119, "Nurse Practitioner - Medical Intensive Care (August 2016 - December 2016)"),
        (72, 140, "Summit Staffing Network (March 2015 - June 2015)"),
        (72, 152, "Travel Nurse - Mercy Hospital - Step-Down Unit"),
    ], size=9)])
    assert [(w.get("employer"), w.get("title"), w["start_date"])
            for w in _values(entries["work_history"])] == [
        ("Ridgeview Medical Center", "Nurse Practitioner", "2016-12"),
        ("Ridgeview Medical Center", "Nurse Practitioner", "2016-08"),
        ("Summit Staffing Network", "Travel Nurse", "2015-03"),
    ]


def test_headings_in_a_left_margin_column() -> None:
    """'Education | Master of Science in Nursing' - the heading level with the first line."""
    _, entries = read_cv([page([
        (40, 40, "Dana K. Lee, MSN, CRNP"),
        (40, 80, "Education"), (150, 80, "Master of Science in Nursing"),
        (150, 92, "Westbrook University - Graduation May 2016"),
        (40, 120, "Experience"), (150, 120, "Greenfield Hospital (May 2019 - Current)"),
        (150, 132, "Nurse Practitioner"),
    ], size=9)])
    assert [(e["institution"], e["end_date"]) for e in _values(entries["education"])] == [
        ("Westbrook University", "2016-05")]
    assert [(w["employer"], w["title"]) for w in _values(entries["work_history"])] == [
        ("Greenfield Hospital", "Nurse Practitioner")]


def test_description_run_on_after_the_placeholders() -> None:
    """'March 2010 to June 2013 Company Name City , State Ran the ...': the
    template runs the job's description on into its dates line; the title is above."""
    _, entries = _resume([
        (40, 100, "Experience"),
        (40, 115, "EMPLOYEE HEALTH NURSE MANAGER"),
        (40, 127, "March 2010 to June 2013 Company Name City , State Ran the employee clinic "
                  "and its vaccination and screening programs for the site"),
        (40, 139, "and trained the first responders of every shift."),
    ])
    assert _values(entries["work_history"]) == [{
        "title": "EMPLOYEE HEALTH NURSE MANAGER", "start_date": "2010-03",
        "end_date": "2013-06"}]


def test_degree_of_the_first_line_and_a_spaced_month() -> None:
    """The first line's degree, not a certification listed on the wrapped line under it;
    'Graduate Certificate in Informatics : 4 2016' ends in April 2016."""
    _, entries = _resume([
        (40, 100, "Education"),
        (40, 115, "Bachelor of Arts : Nursing Lakeview University ï¼ City , State , US Honor "
                  "Society, GPA: 3.70, Wound Care: Home"),
        (40, 127, "Infusion education & training, BLS, ACLS, Stroke Certification"),
        (40, 150, "Graduate Certificate in Informatics : 4 2016"),
    ])
    education = _values(entries["education"])
    assert [e["degree"] for e in education] == [
        "Bachelor of Arts", "Graduate Certificate in Informatics"]
    assert [e.get("end_date") for e in education] == [None, "2016-04"]


def test_npi_label_wrapped_onto_the_line_above() -> None:
    rows = build_rows([page([
        (40, 30, "Jane Q. Public"),
        (40, 60, "Member of the state registry, ID 77-1234, and National Provider"),
        (40, 72, "Identification Number-1982736450")])])
    assert header_fields(rows)["npi"].value == "1982736450"


def test_headline_wrapped_at_the_right_margin() -> None:
    """A LaTeX CV's one-column headline runs over three lines, a word cut at a soft
    hyphen (U+FFFE in the PDF's text): the employer is read across the line ends."""
    _, entries = read_cv([page([
        (72, 40, "Alex B. Rivera, MD"),
        (72, 80, "Research Experience"),
        (72, 95, "• Clinical Data Analyst | 2015 – 2017 Department of Transplant Sur\ufffe"),
        (72, 107, "gery and Liver Disease Research Unit, Hillcrest Regional Medical"),
        (72, 119, "Center, Easton, PA"),
        (72, 131, "– Built the study database and reported its outcomes every month"),
    ], size=9)])
    [job] = _values(entries["work_history"])
    assert job["employer"] == "Hillcrest Regional Medical Center"
    assert (job["title"], job["city"], job["state"]) == ("Clinical Data Analyst", "Easton", "PA")


def test_start_date_before_the_placeholder() -> None:
    """'May 2001 Company Name City , State': the template prints a job with no end as its
    start date alone, on the employer's line or on a line of its own above it."""
    _, entries = _resume([
        (40, 100, "Experience"),
        (40, 115, "Case Management"),
        (40, 127, "May 2001 Company Name City , State"),
        (40, 139, "Reviewed the claims of injured workers and planned their return to work."),
        (40, 160, "September 2015"),
        (40, 172, "Company Name City , State Home Care Aide"),
    ])
    assert [(w["title"], w["start_date"], w.get("end_date"))
            for w in _values(entries["work_history"])] == [
        ("Case Management", "2001-05", None), ("Home Care Aide", "2015-09", None)]


def test_date_range_broken_by_the_page_end() -> None:
    first = page([(40, 30, "MEDICAL RECORDS CLERK"), (40, 100, "Experience"),
                  (40, 770, "February 1989")], size=9)
    second = page([(40, 30, "to"), (40, 42, "March 1993"),
                   (40, 54, "Company Name City , State Certified Nursing Assistant")],
                  size=9, number=2)
    _, entries = read_cv([first, second])
    assert [(w["start_date"], w["end_date"]) for w in _values(entries["work_history"])] == [
        ("1989-02", "1993-03")]
