/** The library API: `import { analyze } from 'tcpstate'`. */
export { analyze, type AnalyzeOptions } from './analyze.js';
export { CaptureFormatError, InputError, UsageError, TcpstateError } from './errors.js';
export type * from './model/report.js';
export type { CaptureSummary, CaptureWarning, LinkTypeInfo } from './model/capture.js';
export { TcpState, STATE_NAMES, type TcpStateName } from './model/tcp-state.js';
export type { DecodedPacket } from './model/decoded.js';
export { TcpFlag } from './model/decoded.js';
export { Analysis, type SegmentEvent, type TrackerListener } from './model/events.js';
export type { Flow, Endpoint, Transition } from './model/flow.js';
export { stateName } from './model/tcp-state.js';
export { SCHEMA_VERSION } from './model/report.js';
// Renderers: each returns a string.
export { renderJson } from './report/json.js';
export { renderTable, type TableOptions } from './report/table.js';
export { renderMarkdown, type MarkdownOptions } from './report/markdown.js';
export { renderHtml, type HtmlOptions } from './report/html.js';
export { renderTimeline, type TimelineOptions } from './report/timeline.js';
export { renderFlowsTable, renderFlowsJson } from './report/flows-table.js';
export { NdjsonFlowWriter, renderNdjsonSummary } from './report/ndjson.js';
// Collectors to pass in AnalyzeOptions.listeners.
export { TimelineCollector } from './report/timeline-collector.js';
export { LadderStore, type LadderStoreOptions } from './report/ladder-store.js';
export { StateSeries, type StateSeriesData } from './report/state-series.js';
export type { Timeline, TimelineRow, TimelineHeader } from './report/timeline-row.js';
// Selection: AnalyzeOptions.filter and report-level filters.
export { parseAddressSelection, type AddressSelection } from './select/selection.js';
export { packetFilter } from './select/packet-filter.js';
export { selectFlows, flowAddressFilter, type FlowCriteria } from './select/flow-filter.js';
export { sortFlows, type SortKey } from './select/flow-sort.js';
export { DEFAULT_THRESHOLDS, type Thresholds } from './detect/thresholds.js';
// The CI gate: config files, the policy that decides what fails, and its outputs.
export { ConfigError } from './errors.js';
export { loadConfig, parseConfigText } from './config/load.js';
export { validateConfig } from './config/validate.js';
export type { TcpstateConfig } from './config/config.js';
export { applyPolicy, type PolicyResult } from './policy/apply.js';
export { applySeverityOverrides } from './policy/severity-overrides.js';
export { DEFAULT_POLICY, type Policy, type AllowRule, type AllowSelector } from './policy/policy.js';
export { findingIds } from './policy/finding-ids.js';
export type { CheckVerdict, AllowedFinding } from './model/check.js';
export { renderJunit } from './report/junit.js';
export { renderGithub } from './report/github.js';
export { renderCheckText } from './report/check-text.js';
export { renderCheckJson } from './report/check-json.js';
