import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import type { HistogramBucket } from '../../api/api-types.ts'
import { describeHistogram, toChartColumns } from './format-histogram.ts'

const SERIES = [
  { label: 'Information', stroke: '#2f6fb3', fill: 'rgba(47,111,179,0.12)' },
  { label: 'Warning', stroke: '#a86400', fill: 'rgba(168,100,0,0.12)' },
  { label: 'Error', stroke: '#b3261e', fill: 'rgba(179,38,30,0.15)' },
] as const

/** Messages per hour by severity, drawn with uPlot; resizes with its box. */
export function SeverityChart({ buckets }: { buckets: readonly HistogramBucket[] }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = box.current
    if (element === null) return
    const width = (): number => Math.max(280, element.clientWidth)
    const chart = new uPlot(
      {
        width: width(),
        height: 220,
        series: [{}, ...SERIES.map((s) => ({ ...s, width: 2, points: { show: false } }))],
        axes: [{}, { label: 'Messages per hour' }],
        legend: { show: true },
      },
      toChartColumns(buckets),
      element,
    )
    const observer = new ResizeObserver(() => chart.setSize({ width: width(), height: 220 }))
    observer.observe(element)
    return () => {
      observer.disconnect()
      chart.destroy()
    }
  }, [buckets])
  const summary = describeHistogram(buckets)
  return (
    <figure className="chart">
      <div ref={box} role="img" aria-label={`Chart: ${summary}`} data-testid="severity-chart" />
      <figcaption>{summary}.</figcaption>
    </figure>
  )
}
