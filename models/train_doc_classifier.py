"""Train the document classifier from generated documents and commit the artefact.

    python -m credintake.models.train_doc_classifier [--seed 1] [--per-type 200]
        [--per-recipe 40] [--exclude-holdout] [--out models/artifacts/doc_classifier.joblib]

Two sources: the sample-docs templates, rendered and read back, and the training-text
recipes of models/training_texts (resumes of the whole care workforce, certificates as many
issuers word them, and look-alike paper that is ``other``: blank forms, property and auto
insurance, endorsements, compliance certificates, letters). The recipe (seed, documents per
template and per recipe, templates used, noise rate, calibration) is written into the
manifest. Each doc type gets the same number of rendered documents, shared by its templates.
Each document contributes its whole text and, for multi-page documents, each
page on its own (the splitter classifies single pages). A share of samples gets OCR-like
character noise so that scanned and faxed pages classify like clean ones, and every
multi-line sample also appears with a third of its lines dropped and the rest shuffled, so
the model leans on many cues rather than one template's boilerplate or line order (on the
held-out templates this took the share of documents below the 0.5 confidence threshold
from 11% to 0%; bench/RESULTS.md). The text is
what the real reader produces from the rendered PDF, not the generator's strings.

Calibration: the probabilities are temperature-scaled. The temperature is fitted on
predictions for templates and recipes the fold's model never saw (three folds by template
or recipe), because documents of a seen template are classified near-perfectly and would
ask for a temperature that makes every answer certain; unseen issuers are what real packets
bring. The expected calibration error on those predictions, before and after, goes into
the manifest.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from credintake.extractor.read import read_file
from credintake.models import doc_classifier
from credintake.models.training_texts import RECIPES, recipe_documents
from credintake.sample_docs.generate import render_document, supports
from credintake.sample_docs.persona import make_persona
from credintake.sample_docs.templates import HOLDOUT_TEMPLATES, list_templates
from credintake.settings import Settings

_CONFUSABLE = {"0": "O", "O": "0", "1": "l", "l": "1", "I": "l", "5": "S", "S": "5", "8": "B",
               "e": "c", "c": "e", "m": "rn", "rn": "m", "i": "j", "a": "o", ".": ",", ",": "."}


def ocr_noise(text: str, rng: random.Random, rate: float) -> str:
    """Character confusions, dropped and doubled characters, as OCR makes them."""
    out: list[str] = []
    for ch in text:
        roll = rng.random()
        if roll < rate and ch in _CONFUSABLE:
            out.append(_CONFUSABLE[ch])
        elif roll < rate * 1.3:
            continue
        elif roll < rate * 1.5:
            out.append(ch + ch)
        else:
            out.append(ch)
    return "".join(out)


def training_texts(seed: int, per_type: int, keep: Callable[[str], bool],
                   noise_share: float = 0.3, per_recipe: int = 0) -> Samples:
    """Rendered sample documents, plus ``per_recipe`` documents per unit of weight of each
    training-text recipe (models/training_texts), all augmented alike. ``per_type`` rendered
    documents per doc type, shared evenly by its templates: a type's weight in training does
    not depend on how many templates the generator has for it (adding real-form templates to
    five types must not tilt the classes towards them). Each template draws from its own
    seeded rng, so adding or holding out a template leaves the other templates' samples as
    they were."""
    settings = Settings()
    samples = Samples()
    for doc_type, template_ids in sorted(list_templates().items()):
        kept = [t for t in template_ids if keep(t)]
        for template_id in kept:
            rng = random.Random(f"{seed}:{template_id}")
            for _ in range(math.ceil(per_type / len(kept))):
                persona = make_persona(rng)
                while not supports(persona, doc_type):
                    persona = make_persona(rng)
                rendered = render_document(doc_type, template_id, persona, rng)
                pages = read_file("train.pdf", rendered.pdf, settings).pages
                _add(doc_type, template_id, [p.text for p in pages], rng, noise_share, samples)
    rng = random.Random(f"{seed}:recipes")
    for name, doc_type, pages in recipe_documents(seed, per_recipe) if per_recipe else []:
        _add(doc_type, f"recipe/{name}", pages, rng, noise_share, samples)
    return samples


@dataclass
class Samples:
    """Training texts with their labels and the template or recipe each came from."""
    texts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


def _add(doc_type: str, group: str, pages: list[str], rng: random.Random, noise_share: float,
         samples: Samples) -> None:
    """One document's samples: its whole text and, when it has several pages, each page;
    a share with OCR noise, each also with lines dropped and shuffled."""
    for text in ["\n".join(pages)] + (pages if len(pages) > 1 else []):
        if rng.random() < noise_share:
            text = ocr_noise(text, rng, rng.uniform(0.02, 0.08))
        for variant in (text, line_dropout(text, rng)):
            if variant:
                samples.texts.append(variant)
                samples.labels.append(doc_type)
                samples.groups.append(group)


def line_dropout(text: str, rng: random.Random, drop: float = 0.35) -> str | None:
    """The text with about a third of its lines dropped and the rest shuffled."""
    lines = text.split("\n")
    if len(lines) <= 3:
        return None
    kept = [line for line in lines if rng.random() > drop]
    rng.shuffle(kept)
    return "\n".join(kept)


def keep_filter(exclude_holdout: bool) -> Callable[[str], bool]:
    """Every template, or every template but the held-out ones (sample_docs.templates)."""
    return lambda template_id: not (exclude_holdout and template_id in HOLDOUT_TEMPLATES)


def unseen_group_fit(samples: Samples, seed: int, folds: int = 3) -> tuple[float, float, float]:
    """Fit the temperature on predictions for unseen templates and recipes: (temperature,
    calibration error before, after). Each fold's model trains without a third of the groups
    and predicts their samples."""
    names = sorted(set(samples.groups))
    random.Random(seed).shuffle(names)
    fold_of = {g: i % folds for i, g in enumerate(names)}
    classes = sorted(set(samples.labels))
    labels, logits = [], []
    for k in range(folds):
        train_idx = [i for i, g in enumerate(samples.groups) if fold_of[g] != k]
        test_idx = [i for i, g in enumerate(samples.groups) if fold_of[g] == k]
        clf = doc_classifier.train([samples.texts[i] for i in train_idx],
                                   [samples.labels[i] for i in train_idx], seed)
        logits.append(clf.logits([samples.texts[i] for i in test_idx], classes))
        labels += [samples.labels[i] for i in test_idx]
    return doc_classifier.fit_temperature(np.vstack(logits), labels, classes)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-type", type=int, default=200,
                        help="rendered documents per doc type, shared by its templates")
    parser.add_argument("--per-recipe", type=int, default=40,
                        help="documents per unit of recipe weight (models/training_texts)")
    parser.add_argument("--exclude-holdout", action="store_true",
                        help="leave out the held-out templates (the bench's held-out run)")
    parser.add_argument("--out", type=Path, default=doc_classifier.ARTIFACT)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    samples = training_texts(args.seed, args.per_type, keep_filter(args.exclude_holdout),
                             per_recipe=args.per_recipe)
    temperature, ece_before, ece_after = unseen_group_fit(samples, args.seed)
    clf = doc_classifier.train(samples.texts, samples.labels, args.seed)
    clf.temperature = temperature
    recipe = {"seed": args.seed, "per_type": args.per_type, "per_recipe": args.per_recipe,
              "recipes": sorted(RECIPES), "exclude_holdout": args.exclude_holdout,
              "samples": len(samples.texts), "generator": "credintake.sample_docs",
              "noise_share": 0.3, "temperature": temperature,
              "unseen_group_ece": {"before": round(ece_before, 4), "after": round(ece_after, 4)}}
    doc_classifier.save(clf, args.out, recipe)
    size = args.out.stat().st_size / 1e6
    print(f"trained on {len(samples.texts)} samples in {time.perf_counter() - start:.0f}s; "
          f"temperature {temperature}, ECE on unseen templates {ece_before:.3f} -> {ece_after:.3f}; "
          f"{args.out} is {size:.2f} MB")


if __name__ == "__main__":
    main()
