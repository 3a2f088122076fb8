"""Load a large synthetic dataset for benchmarks: documents, claims, chains, links, flags, review items
and verdicts, written with PostgreSQL COPY in batches.

    manage.py generate_dataset --claims 1000000 --fresh

The rows look like a desk's archive after months of war coverage: wire stories from real outlets in
the source registry, claims by officials, ministries and militaries with their attribution chains,
denials linked to the claims they reject (mostly in earlier documents), unverified cues flagged, a
queue of open review items, and published verdicts with ratings. Timestamps spread over --days, so
date filters, the changes feed and cursors behave as they would on real data. Deterministic per seed.
"""

from __future__ import annotations

import json
import random
import time
from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction

from claims.models import Attribution, Claim, ClaimLink, Document, Origin, content_hash
from sources.models import Source
from sources.services import sources_load_defaults
from verification.models import Flag, ReviewItem, Verdict
from verification.roles import EDITORS, FACT_CHECKERS

PLACES = [
    "Kharkiv",
    "Odesa",
    "Belgorod",
    "Kherson",
    "Zaporizhzhia",
    "Rafah",
    "Khan Younis",
    "Donetsk",
    "Sumy",
    "Dnipro",
    "Kursk",
    "Pokrovsk",
    "Gaza City",
    "Jenin",
    "Sevastopol",
    "Mykolaiv",
    "Bakhmut",
    "Avdiivka",
]
EVENTS = [
    "{n} drones were shot down overnight over the {place} region",
    "a missile strike on {place} killed {n} people and wounded {m} others",
    "its forces had destroyed {n} armoured vehicles near {place}",
    "{n} civilians were evacuated from {place} after shelling damaged a power station",
    "an ammunition depot near {place} was hit, setting off explosions for several hours",
    "troops had advanced {n} kilometres west of {place} in the past week",
    "{n} aid trucks had entered {place} since the start of the month",
    "a hospital in {place} had been hit twice in {m} days",
    "{n} soldiers were captured in fighting around {place}",
    "air defences intercepted {n} of {m} missiles aimed at {place}",
]
DENIALS = [
    "denied the claim, calling it baseless",
    "rejected the account as propaganda",
    "dismissed the report as false",
    "said the claim was untrue",
]
CUES = [
    "Reuters could not independently verify the reports.",
    "The claims could not be independently confirmed.",
    "No evidence was provided for the figures.",
]
FILLER = [
    "The fighting has intensified in recent weeks as both sides prepare for winter.",
    "Power cuts were reported across the region on Tuesday evening.",
    "Talks on a prisoner exchange are expected to resume next month.",
    "Residents queued for water at distribution points in the city centre.",
]
PEOPLE = [
    "Dmitry Peskov",
    "Volodymyr Zelenskiy",
    "Oleh Synehubov",
    "Sergei Lavrov",
    "Pat Ryder",
    "Daniel Hagari",
    "Ihor Terekhov",
    "Emmanuel Macron",
    "Mark Rutte",
    "Ashraf al-Qidra",
    "Maria Zakharova",
    "John Kirby",
]
RATINGS = ["true", "mostly_true", "mixed", "mostly_false", "false", "unverifiable"]
# Public status of a claim and how often it occurs in an archive.
STATUS_WEIGHTS = [("unreviewed", 52), ("flagged", 24), ("in_review", 4), ("awaiting_approval", 3), ("published", 17)]
KIND_WEIGHTS = [("claim", 80), ("denial", 14), ("counter_claim", 6)]
FLAG_REASONS = ["unverified", "no_evidence", "ungraded_source", "low_grade_source", "single_source_casualties"]

BATCH_DOCUMENTS = 5_000


_REQUIRED = object()


def _columns(model: type[models.Model]) -> list[models.Field]:
    # Every stored column, so columns other apps add later are filled with their defaults.
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


def _default(field: models.Field):
    if field.has_default():
        value = field.get_default()
        return json.dumps(value) if isinstance(field, models.JSONField) else value
    if field.null:
        return None
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return datetime.now(UTC)
    if isinstance(field, models.CharField | models.TextField):
        return ""
    if isinstance(field, models.BooleanField):
        return False
    return _REQUIRED


class Table:
    """Rows for one model, written with COPY; fields not given get their model default."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = _columns(model)
        self.names = [f.attname for f in self.fields]
        self.defaults = {f.attname: _default(f) for f in self.fields if f.attname != "id"}
        self.rows: list[tuple] = []
        self.written = 0

    def add(self, **values) -> None:
        for name, value in values.items():
            if isinstance(value, list | dict):
                values[name] = json.dumps(value)
        row = tuple(values[n] if n in values else self.defaults[n] for n in self.names)
        if _REQUIRED in row:
            missing = [n for n, v in zip(self.names, row, strict=True) if v is _REQUIRED]
            raise CommandError(f"{self.model.__name__}: no value for {', '.join(missing)}; teach generate_dataset")
        self.rows.append(row)

    def flush(self, cursor) -> None:
        if not self.rows:
            return
        columns = ", ".join(f'"{connection.ops.quote_name(n)[1:-1]}"' for n in self.names)
        with cursor.copy(f"COPY {self.model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in self.rows:
                copy.write_row(row)
        self.written += len(self.rows)
        self.rows.clear()


class Command(BaseCommand):
    help = "Load a large synthetic dataset (documents, claims, chains, links, flags, review items, verdicts)."

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, default=1_000_000)
        parser.add_argument("--claims-per-document", type=int, default=10, help="on average")
        parser.add_argument("--days", type=int, default=180, help="spread documents over this many days")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--fresh", action="store_true", help="empty the document, claim and review tables first (destructive)"
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_dataset writes with COPY and needs PostgreSQL")
        started = time.monotonic()
        rng = random.Random(options["seed"])
        if options["fresh"]:
            self._empty()
        if not Source.objects.exists():
            sources_load_defaults()
        checkers, editors = self._desk()
        sources = list(Source.objects.filter(status=Source.Status.ACTIVE).values_list("id", "name", "kind"))
        outlets = [s for s in sources if s[2] in ("news_agency", "news_outlet")] or sources
        speakers = [s for s in sources if s[2] in ("government_body", "military", "official_person", "ngo")] or sources
        agencies = [s for s in sources if s[2] == "news_agency"] or outlets

        ids = {
            model: self._next_id(model)
            for model in (Document, Claim, Attribution, ClaimLink, Flag, ReviewItem, Verdict)
        }
        tables = {model: Table(model) for model in ids}
        now = self.now = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
        horizon = timedelta(days=options["days"])
        target = options["claims"]
        per_document = max(1, options["claims_per_document"])
        first_claim_id = ids[Claim]
        made = 0
        with connection.cursor() as django_cursor:
            cursor = django_cursor.cursor  # the psycopg cursor, for COPY
            # Generated rows can be made again, so this session does not wait for each batch's WAL flush.
            cursor.execute("SET synchronous_commit TO off")
            while made < target:
                with transaction.atomic():
                    for _ in range(BATCH_DOCUMENTS):
                        if made >= target:
                            break
                        count = min(target - made, rng.randint(max(1, per_document // 2), per_document * 3 // 2))
                        # Documents arrive in time order, so ids and timestamps agree as they do in production.
                        at = min(
                            now,
                            now
                            - horizon
                            + horizon * ((made + count / 2) / target)
                            + timedelta(seconds=rng.randint(0, 59)),
                        )
                        self._document(
                            rng, tables, ids, at, count, outlets, speakers, agencies, checkers, editors, first_claim_id
                        )
                        made += count
                    for model in (Document, Claim, Attribution, ClaimLink, Flag, ReviewItem, Verdict):
                        tables[model].flush(cursor)
                elapsed = time.monotonic() - started
                self.stdout.write(f"{made:,} claims ({made / elapsed:,.0f}/s)")
        self._finish()
        elapsed = time.monotonic() - started
        counts = ", ".join(f"{t.written:,} {m._meta.verbose_name_plural}" for m, t in tables.items())
        self.stdout.write(self.style.SUCCESS(f"Generated {counts} in {elapsed:.0f} s."))

    def _empty(self) -> None:
        tables = [m._meta.db_table for m in (Document, Claim, Attribution, ClaimLink, Flag, ReviewItem, Verdict)]
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tables)}, verification_event RESTART IDENTITY CASCADE")

    def _desk(self) -> tuple[list[int], list[int]]:
        ids: dict[str, list[int]] = {}
        for group_name, prefix in ((FACT_CHECKERS, "dataset-checker"), (EDITORS, "dataset-editor")):
            group, _ = Group.objects.get_or_create(name=group_name)
            ids[group_name] = []
            for n in range(12 if group_name == FACT_CHECKERS else 4):
                user, created = User.objects.get_or_create(username=f"{prefix}-{n}")
                if created:
                    user.set_unusable_password()
                    user.save()
                user.groups.add(group)
                ids[group_name].append(user.pk)
        return ids[FACT_CHECKERS], ids[EDITORS]

    def _next_id(self, model) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
            return cursor.fetchone()[0]

    def _finish(self) -> None:
        # Ids were given explicitly, so each sequence is moved past them; then fresh statistics.
        with connection.cursor() as cursor:
            # A claim that an active denial or counter-claim names is disputed, as the extraction step marks it.
            cursor.execute(
                "UPDATE claims_claim SET disputed = true WHERE NOT disputed AND id IN (SELECT to_claim_id FROM "
                "claims_claimlink WHERE relation IN ('denies', 'counters') AND status = 'active')"
            )
            for model in (Document, Claim, Attribution, ClaimLink, Flag, ReviewItem, Verdict):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))"
                )
                cursor.execute(f"ANALYZE {table}")

    def _document(self, rng, tables, ids, at, count, outlets, speakers, agencies, checkers, editors, first_claim_id):
        document_id = ids[Document]
        ids[Document] += 1
        outlet_id, outlet_name, _ = rng.choice(outlets)
        parts: list[str] = [f"{rng.choice(PLACES).upper()}, {at:%B %d} ({outlet_name}) - "]
        offset = len(parts[0])
        claims_here: list[int] = []
        for position in range(count):
            claim_id = ids[Claim]
            ids[Claim] += 1
            kind = rng.choices([k for k, _ in KIND_WEIGHTS], [w for _, w in KIND_WEIGHTS])[0]
            speaker_id, speaker_name, _ = rng.choice(speakers)
            person = rng.choice(PEOPLE) if rng.random() < 0.35 else None
            event = rng.choice(EVENTS).format(n=rng.randint(2, 90), m=rng.randint(2, 40), place=rng.choice(PLACES))
            via = rng.choice(agencies) if rng.random() < 0.4 else None
            claimant = person or speaker_name
            if kind == "denial":
                content = rng.choice(DENIALS)
                sentence = f"{claimant} {content}."
            else:
                content = event
                sentence = f"{claimant} said {event}" + (f", according to {via[1]}." if via else ".")
            sentence_start = offset
            sentence_end = offset + len(sentence)
            text_start = sentence.index(content) + offset
            parts.append(sentence + " ")
            offset = sentence_end + 1
            status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
            rating = rng.choice(RATINGS) if status == "published" else ""
            # Reviews happen after the story arrived, and never in the future. One due after the
            # generation time lands somewhere between the story and then instead: clamping them all to
            # that instant would stamp thousands of rows with one time, which a live desk never does
            # (each save is stamped to the microsecond), and every caught-up feed poll would re-read them.
            updated = at + timedelta(minutes=rng.randint(1, 60 * 24 * (3 if status != "unreviewed" else 0) + 5))
            if updated > self.now:
                updated = at + (self.now - at) * rng.random()
            if kind != "claim" and claim_id > first_claim_id:
                # Most denials answer a claim from an earlier story; some one in the same story.
                target = (
                    claims_here[-1] if claims_here and rng.random() < 0.3 else rng.randint(first_claim_id, claim_id - 1)
                )
                tables[ClaimLink].add(
                    id=self._take(ids, ClaimLink),
                    from_claim_id=claim_id,
                    to_claim_id=target,
                    relation="denies" if kind == "denial" else "counters",
                    origin=Origin.MACHINE,
                    status="active" if rng.random() < 0.8 else "suggested",
                    confidence=round(rng.uniform(0.5, 0.99), 3),
                    explanation=f"{kind} by {claimant} names the claim it rejects",
                    created_at=at,
                    updated_at=at,
                )
            elif kind == "claim" and rng.random() < 0.05 and claim_id > first_claim_id + 10:
                tables[ClaimLink].add(
                    id=self._take(ids, ClaimLink),
                    from_claim_id=claim_id,
                    to_claim_id=rng.randint(first_claim_id, claim_id - 1),
                    relation=rng.choice(["corroborates", "same_as"]),
                    origin=Origin.MACHINE,
                    status="suggested",
                    confidence=round(rng.uniform(0.4, 0.9), 3),
                    explanation="same event, place and figures reported elsewhere",
                    created_at=at,
                    updated_at=at,
                )
            tables[Claim].add(
                id=claim_id,
                document_id=document_id,
                key=f"c{position + 1}",
                position=position,
                sentence=sentence,
                sentence_start=sentence_start,
                sentence_end=sentence_end,
                text=content,
                text_start=text_start,
                text_end=text_start + len(content),
                claimant_name=claimant,
                claimant_id=None if person else speaker_id,
                claimant_body_name=speaker_name if person else "",
                claimant_body_id=speaker_id if person else None,
                kind=kind,
                cue_verb="denied" if kind == "denial" else "said",
                confidence=round(rng.uniform(0.55, 0.98), 3),
                status=status,
                rating=rating,
                origin=Origin.MACHINE,
                extractor_version="synthetic",
                created_at=at,
                updated_at=updated,
            )
            chain = [("claimant", claimant, None if person else speaker_id)]
            if person:
                chain.append(("body", speaker_name, speaker_id))
            if via:
                chain.append(("agency", via[1], via[0]))
            chain.append(("publisher", outlet_name, outlet_id))
            for n, (role, name, source_id) in enumerate(chain):
                tables[Attribution].add(
                    id=self._take(ids, Attribution),
                    claim_id=claim_id,
                    position=n,
                    role=role,
                    name=name,
                    source_id=source_id,
                )
            if status != "unreviewed":
                reason = rng.choice(FLAG_REASONS)
                cue = rng.choice(CUES) if reason in ("unverified", "no_evidence") else ""
                tables[Flag].add(
                    id=self._take(ids, Flag),
                    claim_id=claim_id,
                    reason=reason,
                    rule=f"synthetic.{reason}",
                    cue_text=cue,
                    created_at=at,
                )
                self._review(rng, tables, ids, claim_id, status, rating, at, updated, checkers, editors)
            claims_here.append(claim_id)
        parts.append(" ".join(rng.sample(FILLER, k=2)) + f" (Story {document_id})")
        text = "".join(parts)
        tables[Document].add(
            id=document_id,
            title=f"{rng.choice(PLACES)}: {rng.choice(['strikes', 'talks', 'evacuation', 'front line'])} update",
            url=f"https://news.example.org/{at:%Y/%m/%d}/{document_id}",
            outlet_id=outlet_id,
            published_at=at,
            text=text,
            content_hash=content_hash(text),
            language="en",
            channel=rng.choice(["api", "feed", "feed", "url", "live_blog"]),
            status="done",
            extractor_version="synthetic",
            extractor_backend="synthetic",
            created_at=at,
            updated_at=at,
            processed_at=at,
        )

    def _review(self, rng, tables, ids, claim_id, status, rating, at, updated, checkers, editors) -> None:
        state = {
            "flagged": "queued",
            "in_review": "in_progress",
            "awaiting_approval": "awaiting_approval",
            "published": "done",
        }[status]
        reviewer = rng.choice(checkers)
        item_id = self._take(ids, ReviewItem)
        tables[ReviewItem].add(
            id=item_id,
            claim_id=claim_id,
            state=state,
            priority=round(rng.uniform(0, 100), 2),
            priority_reasons=[],
            assignee_id=None if state == "queued" else reviewer,
            lease_expires_at=updated + timedelta(minutes=30) if state == "in_progress" else None,
            due_at=at + timedelta(hours=24),
            created_at=at,
            updated_at=updated,
            closed_at=updated if state == "done" else None,
        )
        if status in ("awaiting_approval", "published"):
            tables[Verdict].add(
                id=self._take(ids, Verdict),
                claim_id=claim_id,
                review_item_id=item_id,
                rating=rating or rng.choice(RATINGS),
                credibility=rng.randint(1, 6),
                rationale="Checked against the ministry's statement, satellite imagery and two local witnesses.",
                evidence_links=["https://evidence.example.org/" + str(claim_id)],
                state="published" if status == "published" else "submitted",
                reviewer_id=reviewer,
                approver_id=rng.choice(editors) if status == "published" else None,
                created_at=updated,
                published_at=updated if status == "published" else None,
            )

    @staticmethod
    def _take(ids, model) -> int:
        value = ids[model]
        ids[model] += 1
        return value
