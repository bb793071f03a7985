"""DORA metrics with their evidence (issue 11): the definitions, written down and tested.

Over a window `[since, until)`, optionally for one service (a CDEvents service subject id, or a
PipeCD application id or name):

- **Production**: environments whose id, or name (from `environment.*` CDEvents of that id), is
  one of `LINEAGE_PRODUCTION_ENVIRONMENTS` (comma-separated, any case; default `prod`,
  `production`), or of the `environments` given to `dora_metrics`.
- **Deployment**: a `service.deployed` or `service.upgraded` CDEvent (any schema version) to a
  production environment (`subject.content.environment`), at its timestamp; or a PipeCD
  Deployment with status SUCCESS to a production environment, at its completion (else
  creation) time. Rollbacks (`service.rolledback`) are not deployments. A deployment's **key**
  is its service and environment; the next deployment of a key replaces the previous one.
- **Deployment frequency**: deployments ÷ days in the window; and the median (interpolated) of
  deploy-days per ISO week over every ISO week the window touches (UTC days; a week without a
  deployment counts as zero; a partial week at either end counts as a week).
- **Lead time for changes**, per commit: the commits a window deployment shipped (the
  previous-deployment rule of `deployment_commits`) are traced (`trace_deployments`) to their
  first successful production deployment overall; a commit counts in the window if that
  deployment is one of the window's. Lead time = that deployment's time - the commit timestamp,
  else - the earliest `change.merged` naming the commit (`from_merge`). Values ≤ 0 (and commits
  with neither time) are listed but not counted. Median and p90 by linear interpolation (SQL's
  PERCENTILE_CONT), mean, count.
- **Incident**: `incident.detected` / `incident.reported` events of one subject id, opened at the
  first; restored at the first `incident.resolved` of that id at or after it.
- **Attribution** of an incident, in this order: to the production deployment its events are
  joined to by a producer link, either way (LINK; several: the latest at or before the
  incident, else the earliest), or share a chain with (CHAIN, same choice); to the latest
  production deployment of the artifact it names (`artifactId`) at or before it (ARTIFACT); to
  the latest production deployment of the service and environment it names within 24 h before
  it (TIME); else to none.
- **Failed deployment**: rolled back (a `service.rolledback` of its service and environment at or
  after it and before the next deployment of its key), or an incident is attributed to it.
- **Change failure rate**: failed ÷ deployments.
- **Failed deployment recovery time**, per failed deployment: the rollback's time, else (every
  attributed incident resolved) the last resolution, else the next deployment of its key, minus
  the deployment's time; a failure not yet restored has none. Median, p90, count.
- **Incident time to restore**: resolution - opening of each incident opened in the window that
  is attributed to a counted-service production deployment, or unattributed and in production
  (or naming no environment). Median (and p90, mean), count.
- **Rework rate**: deployments made to fix a failed one ÷ deployments. A deployment is rework
  when the previous deployment of its key failed, the failure had shown (its rollback or first
  attributed incident at or before this deployment: nobody fixes what they do not know of), and
  it was not yet restored (restoration at or after this deployment: the fix itself).

Rates are 0..1, None when there is no deployment. What happens after `until` is not seen (a
deployment rolled back after `until` is not failed in this window). Events from 24 h before
`since` (attribution), and back to the previous deployment of each key (at most 30 days) are
read so the window's first deployments are judged like the others.
"""

from lineage.services.dora.facts import ProductionDeployment
from lineage.services.dora.lead_time import CommitLeadTime
from lineage.services.dora.metrics import (
    DeploymentEvidence,
    DoraMetrics,
    IncidentEvidence,
    dora_metrics,
)
from lineage.services.dora.outcomes import Attribution, FailureCause, RestoredBy
from lineage.services.dora.statistics import DurationStats, duration_stats
from lineage.services.percentiles import percentile_cont

__all__ = [
    "Attribution",
    "CommitLeadTime",
    "DeploymentEvidence",
    "DoraMetrics",
    "DurationStats",
    "FailureCause",
    "IncidentEvidence",
    "ProductionDeployment",
    "RestoredBy",
    "dora_metrics",
    "duration_stats",
    "percentile_cont",
]
