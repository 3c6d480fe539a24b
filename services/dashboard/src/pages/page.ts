import type { Route } from '../router.js';

/** Renders into `root`; returns a cleanup (unsubscribe) run when the route changes. */
export type Page = (root: HTMLElement, route: Route) => () => void;
