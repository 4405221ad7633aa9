import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from '../state/router.ts';

/** An ordinary link that the app follows without a reload; modified clicks open a new tab as usual. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { onClick, href, ...rest } = props;
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
    window.scrollTo(0, 0);
  };
  return <a href={href} {...rest} onClick={follow} />;
}
