// Keeps the page from going blank: a render error shows a message in place of its subtree.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What is inside, for the message ("Loss chart"). */
  label: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.label} crashed`, error, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="boundary" role="alert" data-testid="error-boundary">
        <strong>{this.props.label} failed to render.</strong>
        <code>{error.message}</code>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
