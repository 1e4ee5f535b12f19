/** What happened to a job that the site must hear about. */
export type JobEvent =
  | { readonly kind: 'received'; readonly siteCode: string }
  | { readonly kind: 'download_started'; readonly source: string }
  | { readonly kind: 'download_completed' }
  | { readonly kind: 'download_failed'; readonly source: string; readonly error: string }
  | { readonly kind: 'content_integrity_failed'; readonly file: string }
  | {
      readonly kind: 'program_started'
      readonly commandLine: string
      readonly folder: string
      readonly runAs: string
    }
  /** `exitCode` null: the agent restarted while the program ran and detection found it finished. */
  | { readonly kind: 'succeeded'; readonly exitCode: number | null }
  | { readonly kind: 'succeeded_restart'; readonly exitCode: number }
  | { readonly kind: 'failed'; readonly exitCode: number | null; readonly detail: string }
  | { readonly kind: 'timed_out'; readonly maxRunMinutes: number }
  | { readonly kind: 'already_installed' }
  | { readonly kind: 'requirements_not_met'; readonly requirements: string }
  | { readonly kind: 'retry_another_installation' }
  | { readonly kind: 'waiting_maintenance_window' }
  | { readonly kind: 'waiting_another_program'; readonly program: string }
  | { readonly kind: 'waiting_content' }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'cancelled_by_user' }
  | { readonly kind: 'restart_scheduled'; readonly at: string }
  | { readonly kind: 'restart_requested' }
