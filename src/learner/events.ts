// The events are plain data every thread shares (the page lists them for breakpoints).
export * from '../shared/events';
