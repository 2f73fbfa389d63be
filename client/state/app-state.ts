import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { filterFromSearch, filterToSearch, LIST_KEYS, parseFilter, type Filter, type IgnoredParam } from './filter.js';

/** The dashboard's views, in navigation order; each is a path (`/campanas`), `resumen` is `/`. */
export const ROUTES = ['resumen', 'campanas', 'narrativas', 'violencia', 'territorio', 'explorar', 'alertas', 'fuentes', 'informes'] as const;
export type RouteName = (typeof ROUTES)[number];

export function routeFromPath(pathname: string): RouteName {
  const name = pathname.replace(/^\/+|\/+$/g, '').split('/')[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as RouteName) : 'resumen';
}

export function pathOf(route: RouteName): string {
  return route === 'resumen' ? '/' : `/${route}`;
}

/** Query keys that belong to the filter; every other key is a view's own parameter (`c`, `q`...). */
const FILTER_KEYS = new Set<string>(['from', 'to', ...LIST_KEYS]);

/**
 * A tiny History-API router holding the route, the global filter and view parameters, all
 * mirrored in the URL (so a view can be shared and Back works). Elements subscribe through
 * `AppStateController`.
 */
export class AppState extends EventTarget {
  route: RouteName = 'resumen';
  filter: Filter;
  params = new URLSearchParams();
  /**
   * What the last URL read (a shared link, Back) asked for and the filter could not use. The
   * shell shows it until dismissed or until the filter changes; the URL is rewritten at once to
   * the filter actually shown, so the address bar never lies about what is on screen.
   */
  ignored: IgnoredParam[] = [];

  constructor(
    private readonly win: Window | null = typeof window === 'undefined' ? null : window,
    private readonly today: () => Date = () => new Date(),
  ) {
    super();
    this.filter = filterFromSearch('', today());
    if (win) {
      this.readLocation();
      win.addEventListener('popstate', () => {
        this.readLocation();
        this.dispatchEvent(new Event('change'));
      });
    }
  }

  private readLocation(): void {
    const { pathname, search } = this.win!.location;
    this.route = routeFromPath(pathname);
    const all = new URLSearchParams(search);
    const { filter, ignored } = parseFilter(all, this.today());
    this.filter = filter;
    this.ignored = ignored;
    this.params = new URLSearchParams([...all].filter(([key]) => !FILTER_KEYS.has(key)));
    if (ignored.length > 0) this.win!.history.replaceState(null, '', this.href(this.route, this.params));
  }

  /** Forgets the ignored parameters (the user closed the notice). */
  dismissIgnored(): void {
    if (this.ignored.length === 0) return;
    this.ignored = [];
    this.dispatchEvent(new Event('change'));
  }

  /** The shareable URL of a route with the current filter (and the given view parameters). */
  href(route: RouteName, params: URLSearchParams = new URLSearchParams()): string {
    return `${pathOf(route)}?${filterToSearch(this.filter, params).toString()}`;
  }

  navigate(route: RouteName, params: URLSearchParams = new URLSearchParams()): void {
    this.route = route;
    this.params = params;
    this.commit();
  }

  setFilter(patch: Partial<Filter>): void {
    this.filter = { ...this.filter, ...patch };
    this.ignored = [];
    this.commit();
  }

  setParam(key: string, value: string | null): void {
    const params = new URLSearchParams(this.params);
    if (value === null || value === '') params.delete(key);
    else params.set(key, value);
    this.params = params;
    this.commit(true);
  }

  private commit(replace = false): void {
    const url = this.href(this.route, this.params);
    if (this.win) {
      if (replace) this.win.history.replaceState(null, '', url);
      else this.win.history.pushState(null, '', url);
    }
    this.dispatchEvent(new Event('change'));
  }
}

export const appState = new AppState();

/** Re-renders its host when the route, filter or view parameters change. */
export class AppStateController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #onChange = () => this.#host.requestUpdate();
  constructor(
    host: ReactiveControllerHost,
    readonly state: AppState = appState,
  ) {
    this.#host = host;
    host.addController(this);
  }
  get filter(): Filter {
    return this.state.filter;
  }
  hostConnected(): void {
    this.state.addEventListener('change', this.#onChange);
  }
  hostDisconnected(): void {
    this.state.removeEventListener('change', this.#onChange);
  }
}
